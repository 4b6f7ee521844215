/**
 * The demo's HTML report, opened in Debian's Chromium as a data-protection officer would: the
 * outcome, the tables and the charts render, the page asks the network for nothing, and no value of
 * the source is on it — for a released copy and for a refused one (whose findings are masked).
 * Writes the screenshots the README links (docs/img/).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { leakproof, leakproofCopy, tempDir } from '../support/cli.js';
import { withDatabase } from '../support/databases.js';
import { browserTestsRun, launchChromium } from './support/chromium.js';

const run = browserTestsRun();
const IMAGES = resolve(import.meta.dirname, '../../docs/img');

let browser: Browser;
let dir: string;
/** Whole values of the source that must not appear on any page: identifiers and full names. */
let personal: string[];

beforeAll(async () => {
  if (!run) return;
  dir = await tempDir('leakproof-report-');
  const demo = await leakproof(['demo', '--dir', dir, '--applicants', '200', '--quiet'], {});
  expect(demo.code).toBe(0);
  personal = await withDatabase(`pglite:${join(dir, 'production')}`, async (db) => {
    const rows = await db.query<Record<string, string | null>>(
      'SELECT bsn, email, phone, iban, first_name, last_name FROM public.applicant',
    );
    return rows
      .flatMap((r) => [r.bsn, r.email, r.phone, r.iban, `${r.first_name} ${r.last_name}`])
      .filter((v): v is string => typeof v === 'string' && v.length >= 5);
  });
  expect(personal.length).toBeGreaterThan(500);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens a report and returns what the page requested besides its own file. */
async function open(file: string, screenshot: string) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const url = pathToFileURL(file).href;
  await page.goto(url);
  await page.screenshot({ path: join(IMAGES, screenshot) });
  return { page, elsewhere: requests.filter((r) => r !== url) };
}

function expectNoSourceValue(html: string) {
  const found = personal.filter((v) => html.includes(v));
  // The count only: the values themselves must not reach the test output either.
  expect(found.length, 'source values on the page').toBe(0);
}

describe.skipIf(!run)('the HTML report in a browser', () => {
  test('the demo writes a report that says released, lists the tables and draws the charts', async () => {
    const file = join(dir, 'report.html');
    const { page, elsewhere } = await open(file, 'report.png');
    expect(elsewhere).toEqual([]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Released: the copy passed the leak check');
    const tables = await page.locator('#tables details.table summary strong').allTextContents();
    expect(tables).toContain('public.applicant');
    expect(tables).toHaveLength(10);
    const bsn = page.locator('#tables tr', { hasText: /^bsn/ }).first();
    await expect(bsn.locator('td').nth(2).textContent()).resolves.toBe('bsn');
    // Each chart is drawn: bars with a real width on screen.
    const charts = page.locator('svg.chart');
    await expect(charts.count()).resolves.toBe(2);
    const box = await charts.nth(1).locator('rect.bar').first().boundingBox();
    expect(box?.width).toBeGreaterThan(10);
    expectNoSourceValue(await readFile(file, 'utf8'));
    // It prints: the print stylesheet applies, and Chromium makes a PDF of several pages from it.
    await page.emulateMedia({ media: 'print' });
    // (An expression, not a function: the test code is compiled without the DOM's types.)
    await expect(page.evaluate('getComputedStyle(document.querySelector("main")).maxWidth')).resolves.toBe(
      'none',
    );
    const pdf = Buffer.from(await page.pdf({ format: 'A4' }));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThan(1);
    await page.close();
  });

  test('a refused copy shows its findings masked, each with its fix, and no source value', async () => {
    const policy = (await readFile(join(dir, 'leakproof.yaml'), 'utf8')).replace(
      /^( {6}phone: )phone\b/m,
      '$1keep ',
    );
    const leaky = join(dir, 'leaky.yaml');
    await writeFile(leaky, policy);
    const copy = await leakproofCopy({
      source: `pglite:${join(dir, 'production')}`,
      target: `pglite:${join(dir, 'leaky-copy')}`,
      policy: leaky,
      report: join(dir, 'leaky.json'),
    });
    expect(copy.code).toBe(4);
    const file = join(dir, 'leaky.html');
    const { page, elsewhere } = await open(file, 'report-refused.png');
    expect(elsewhere).toEqual([]);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'Refused: the copy held personal data and was rolled back',
    );
    await expect(page.locator('#findings h4').first().textContent()).resolves.toMatch(
      /^public\.applicant\.phone/,
    );
    await expect(page.locator('#findings .fix').first().textContent()).resolves.toMatch(
      /^To resolve: public\.applicant\.phone/,
    );
    const masked = await page.locator('#findings td code').allTextContents();
    expect(masked.some((m) => m.includes('•'))).toBe(true);
    expectNoSourceValue(await readFile(file, 'utf8'));
    await page.close();
  });

  test('leakproof report renders the same page from the JSON', async () => {
    const out = join(dir, 'again.html');
    const result = await leakproof(['report', join(dir, 'leaky.json'), '--out', out], {});
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(out);
    await expect(readFile(out, 'utf8')).resolves.toBe(await readFile(join(dir, 'leaky.html'), 'utf8'));
  });
});
