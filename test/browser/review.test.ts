/**
 * `leakproof review` in Debian's Chromium, as a person reviewing a drafted policy would use it:
 * the tables and columns render, one decision is changed and saved (the YAML changes on that line
 * only, keeps its comments and still loads), a wrong option is refused on the page with the
 * loader's message and the file stays as it was, and the page asks nothing of anyone but the
 * loopback server. Writes the screenshot the README links (docs/img/review.png).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/adapters/open-database.js';
import { startReview } from '../../src/cli/commands/review.js';
import { prepareDemo } from '../../src/demo/prepare-demo.js';
import { checkCoverage } from '../../src/policy/check-policy.js';
import { loadPolicyFile, parsePolicy } from '../../src/policy/load-policy.js';
import type { ReviewServer } from '../../src/review/review-server.js';
import { TEST_KEY, tempDir } from '../support/cli.js';
import { withDatabase } from '../support/databases.js';
import { browserTestsRun, launchChromium } from './support/chromium.js';

const run = browserTestsRun();
const IMAGES = resolve(import.meta.dirname, '../../docs/img');

let browser: Browser;
let server: ReviewServer;
let policyFile: string;
let sourceUrl: string;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  if (!run) return;
  const dir = await tempDir('leakproof-review-browser-');
  const demo = await prepareDemo(dir, (url) => openDatabase(url, 'source'), { applicants: 200 });
  policyFile = demo.policyFile;
  sourceUrl = demo.sourceUrl;
  const io = {
    stdout: () => {},
    stderr: () => {},
    env: { LEAKPROOF_KEY: TEST_KEY },
    interactive: false,
    readStdin: async () => '',
  };
  server = await startReview({ source: sourceUrl, policy: policyFile }, io);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.url);
  await page.locator('section.table').first().waitFor();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const row = (table: string, column: string) =>
  page.locator(`section.table[data-table="${table}"] tr.col[data-column="${column}"]`);

/** The lines that differ between two texts of the same number of lines. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return b.filter((line, i) => line !== a[i]);
}

describe.skipIf(!run)('the review page in a browser', () => {
  test('shows every table and column with its type, decision, reason and masked samples', async () => {
    await expect(page.locator('section.table').count()).resolves.toBe(10);
    await expect(page.locator('#coverage-text').textContent()).resolves.toMatch(
      /^10 tables, \d+ columns: every column decided\.$/,
    );
    const dob = row('public.applicant', 'date_of_birth');
    await expect(dob.locator('td.type').textContent()).resolves.toBe('date');
    await expect(dob.locator('select.transform').inputValue()).resolves.toBe('dateShift');
    await expect(dob.locator('input.options').inputValue()).resolves.toBe('maxDays: 180');
    await expect(dob.locator('td.reason .text').textContent()).resolves.toBe('date of birth');
    const samples = await dob.locator('td.samples li').allTextContents();
    expect(samples).toHaveLength(3);
    for (const s of samples) expect(s).toMatch(/^\d•+\d\d→\d{4}-\d\d-\d\d$/);
  });

  test('edits one decision, saves it, and the YAML changed on that line only, with its comments, and loads', async () => {
    const before = await readFile(policyFile, 'utf8');
    const dob = row('public.applicant', 'date_of_birth');
    await dob.locator('input.options').fill('maxDays: 30');
    // The preview shows the fakes the new decision makes.
    await dob.locator('td.samples.preview').waitFor();
    await dob.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await mkdir(IMAGES, { recursive: true });
    await page.screenshot({ path: join(IMAGES, 'review.png') });
    await dob.locator('button.save').click();
    await page.locator('#flash.on').waitFor();

    const after = await readFile(policyFile, 'utf8');
    expect(changedLines(before, after)).toEqual([
      '      date_of_birth: { transform: dateShift, maxDays: 30 }  # date of birth',
    ]);
    const comments = (text: string) => text.split('\n').filter((l) => l.includes('#')).length;
    expect(comments(after)).toBe(comments(before));
    const applicant = (await loadPolicyFile(policyFile)).tables.get('public.applicant');
    expect(applicant?.kind === 'copy' && applicant.columns.get('date_of_birth')?.options).toEqual({
      maxDays: 30,
    });
    // The page reloaded its state from the file.
    await expect(
      row('public.applicant', 'date_of_birth').locator('input.options').inputValue(),
    ).resolves.toBe('maxDays: 30');
    await expect(row('public.applicant', 'date_of_birth').locator('button.save').isDisabled()).resolves.toBe(
      true,
    );
  });

  test('refuses a wrong option on the page with the loader’s message and leaves the file alone', async () => {
    const before = await readFile(policyFile, 'utf8');
    const dob = row('public.applicant', 'date_of_birth');
    await dob.locator('input.options').fill('maxDays: 30, maxDayz: 3');
    await dob.locator('button.save').click();
    await dob.locator('.problems li').waitFor();
    // What the loader says about the same file written by hand.
    const byHand = before.replace('maxDays: 30 }', 'maxDays: 30, maxDayz: 3 }');
    const schema = await withDatabase(sourceUrl, (db) => db.introspect());
    const { problems } = checkCoverage(parsePolicy(byHand, policyFile), schema);
    expect(problems).toHaveLength(1);
    await expect(dob.locator('.problems li').allTextContents()).resolves.toEqual(problems);
    await expect(dob.locator('.problems .message').textContent()).resolves.toBe(
      `The policy ${policyFile} does not fit the source.`,
    );
    expect(await readFile(policyFile, 'utf8')).toBe(before);
  });

  test('asked nothing of anyone but the loopback server', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((r) => !r.startsWith(`${origin}/`))).toEqual([]);
  });
});
