/**
 * Debian's Chromium, driven by playwright-core: never a downloaded browser. Browser tests call
 * `chromiumOrSkip()` at the top of their file; on a laptop without Chromium the suite says so in
 * one line and skips, and `.ci/run` (LEAKPROOF_REQUIRE_BROWSER=1) turns that absence into a failure.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.LEAKPROOF_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumPresent = existsSync(CHROMIUM_PATH);

/** True when the browser tests must run; logs the one line when they cannot. */
export function browserTestsRun(): boolean {
  if (chromiumPresent) return true;
  if (process.env.LEAKPROOF_REQUIRE_BROWSER === '1')
    throw new Error(`browser tests: Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  console.log(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
