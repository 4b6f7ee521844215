/**
 * The copy's check on the stream: a worker thread scans the COPY chunks the target is sent. These
 * tests drive it directly, with a real worker (from the build) and real fingerprints, and check the
 * read-back that confirms a streamed table holds only the rows that were checked.
 */
import { describe, expect, test } from 'vitest';
import { encodeRow } from '../../src/adapters/copy-text.js';
import { openDatabase } from '../../src/adapters/open-database.js';
import { FingerprintBuilder, Role } from '../../src/check/fingerprints/fingerprint-index.js';
import { FindingTally } from '../../src/check/matching/finding-tally.js';
import { scanDatabase } from '../../src/check/scanning/scan-database.js';
import { StreamCheck, type StreamedTable } from '../../src/check/scanning/stream-check.js';
import { Keyed } from '../../src/core/keyed.js';
import { valueForms } from '../../src/core/normalize.js';
import { LeakproofError } from '../../src/errors.js';
import { createDatabase } from '../support/postgres.js';

const keyed = new Keyed('stream check test key');
const realEmail = 'fatima.yilmaz@mailbox.test';

function fingerprints() {
  const b = new FingerprintBuilder(keyed);
  const person = b.subject('public.person', '1');
  for (const form of valueForms(realEmail)) b.add('value', form, Role.value, 'contact', person);
  return b.build();
}

const table: StreamedTable = {
  table: 'public.contact',
  columns: [
    { name: 'id', shape: { category: 'integer', isArray: false }, produced: false },
    // Written by a transform: e-mail addresses here are fakes unless they are real ones.
    { name: 'email', shape: { category: 'text', isArray: false }, produced: true },
  ],
  keyAt: [0],
};

async function* chunksOf(rows: (string | null)[][], perChunk: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < rows.length; i += perChunk)
    yield Buffer.from(
      rows
        .slice(i, i + perChunk)
        .map((r) => `${encodeRow(r)}\n`)
        .join(''),
      'utf8',
    );
}

async function drain(chunks: AsyncIterable<Buffer>): Promise<number> {
  let bytes = 0;
  for await (const chunk of chunks) bytes += chunk.length;
  return bytes;
}

describe('StreamCheck', () => {
  test('finds a real value among 200,000 streamed rows, passes the chunks through unchanged', async () => {
    const tally = new FindingTally();
    const check = new StreamCheck(fingerprints(), keyed, { detectors: true }, tally);
    const rows = Array.from({ length: 200_000 }, (_, i) => [String(i + 1), `user${i}@example.org`]);
    rows[123_456]![1] = realEmail.toUpperCase();
    const expected = await drain(chunksOf(rows, 500));
    expect(await drain(check.tap(table, chunksOf(rows, 500)))).toBe(expected);
    const outcome = await check.finish();
    expect(outcome.rows.get('public.contact')).toBe(200_000);
    expect(outcome.values).toBe(400_000);
    const summary = tally.summary();
    expect(summary.total).toBe(1);
    expect(summary.listed[0]).toMatchObject({ table: 'public.contact', column: 'email', row: 'id=123457' });
    expect(JSON.stringify(summary)).not.toContain(realEmail.slice(0, 10));
  });

  test('a clean stream gives no findings', async () => {
    const tally = new FindingTally();
    const check = new StreamCheck(fingerprints(), keyed, { detectors: true }, tally);
    await drain(check.tap(table, chunksOf([['1', 'someone@example.org']], 1)));
    expect((await check.finish()).rows.get('public.contact')).toBe(1);
    expect(tally.total).toBe(0);
  });

  test('a worker that fails stops the copy with an error that holds no value', async () => {
    const check = new StreamCheck(fingerprints(), keyed, { detectors: true }, new FindingTally());
    // Columns the rows do not fit make the scanner throw inside the worker.
    const broken: StreamedTable = { ...table, columns: null as unknown as StreamedTable['columns'] };
    const error = await drain(check.tap(broken, chunksOf([['1', realEmail]], 1)))
      .then(() => check.finish())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeakproofError);
    expect((error as LeakproofError).message).toMatch(/leak check's worker thread/);
    expect((error as LeakproofError).message).not.toContain(realEmail);
    await check.close();
  });
});

describe('the read-back after a streamed check', () => {
  test('a table holding rows the check did not see fails; other tables are read in full', async () => {
    const db = await openDatabase(await createDatabase(), 'target');
    try {
      await db.exec(
        `CREATE TABLE public.contact (id int PRIMARY KEY, email text); INSERT INTO public.contact VALUES (1, 'a@example.org'), (2, 'b@example.org');
         CREATE TABLE public.extra (id int PRIMARY KEY, email text); INSERT INTO public.extra VALUES (1, '${realEmail}');`,
      );
      const scan = (checked: number) =>
        scanDatabase({
          db,
          index: fingerprints(),
          detectors: true,
          checkedOnStream: {
            rows: new Map([['public.contact', checked]]),
            values: 2 * checked,
            busySeconds: 0,
          },
        });
      const error = await scan(1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LeakproofError);
      expect((error as LeakproofError).message).toMatch(
        /public\.contact holds 2 rows, but 1 were written and checked/,
      );
      // Counted, not read again; the table the stream did not write is read and its leak found.
      const outcome = await scan(2);
      expect(outcome.rows).toBe(3);
      expect(outcome.tally.summary().byColumn).toEqual({ 'public.extra.email': 1 });
    } finally {
      await db.close();
    }
  });
});

describe('verify and scan on two threads', () => {
  test('every other chunk goes to the worker: all rows are read, findings name the right row', async () => {
    const db = await openDatabase(await createDatabase(), 'target');
    try {
      // No primary key: findings name rows by number, which must count across both scanners.
      await db.exec(
        `CREATE TABLE public.contact (email text);
         INSERT INTO public.contact
           SELECT CASE WHEN i % 1000 = 0 THEN '${realEmail}' ELSE 'user' || i || '@example.org' END
           FROM generate_series(1, 60000) i;`,
      );
      const one = await scanDatabase({ db, index: fingerprints(), detectors: false });
      const two = await scanDatabase({ db, index: fingerprints(), detectors: false, keyed });
      for (const outcome of [one, two]) {
        expect(outcome.rows).toBe(60_000);
        expect(outcome.values).toBe(60_000);
        expect(outcome.tally.total).toBe(60);
      }
      // Rows 1000, 2000, … 60000: chunks of ~64 kB hold some 2,500 rows, so both threads find some.
      const rowsFound = (o: typeof one) => o.tally.summary().listed.map((f) => f.row);
      const expected = Array.from({ length: 60 }, (_, i) => `#${(i + 1) * 1000}`).sort();
      expect(rowsFound(one).sort()).toEqual(expected);
      expect(rowsFound(two).sort()).toEqual(expected);
      expect(two.tally.people()).toEqual(one.tally.people());
    } finally {
      await db.close();
    }
  });
});
