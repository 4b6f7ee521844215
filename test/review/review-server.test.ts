/**
 * `leakproof review`'s server against the demo "production" database: who may talk to it, what it
 * sends (never a source value), and how it saves (only what the loader accepts, atomically).
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/open-database.js';
import { startReview } from '../../src/cli/commands/review.js';
import type { CliIo } from '../../src/cli/io.js';
import { prepareDemo } from '../../src/demo/prepare-demo.js';
import { loadPolicyFile } from '../../src/policy/load-policy.js';
import type { ReviewState } from '../../src/review/review-model.js';
import { readReviewSource } from '../../src/review/review-samples.js';
import type { ReviewServer } from '../../src/review/review-server.js';
import { TEST_KEY, tempDir } from '../support/cli.js';
import { withDatabase } from '../support/databases.js';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** node:http rather than fetch: a test must be able to send any Host and Origin. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      url,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const quietIo = (env: Record<string, string | undefined>): CliIo & { out: string[] } => {
  const out: string[] = [];
  return {
    out,
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    env,
    interactive: false,
    readStdin: async () => '',
  };
};

let dir: string;
let policyFile: string;
let sourceUrl: string;
let server: ReviewServer;
let printed: string[];
/** Everything the server sent during the tests, to look for source values in at the end. */
const sent: string[] = [];

beforeAll(async () => {
  dir = await tempDir('leakproof-review-');
  const paths = await prepareDemo(dir, (url) => openDatabase(url, 'source'), { applicants: 200 });
  policyFile = paths.policyFile;
  sourceUrl = paths.sourceUrl;
  const io = quietIo({ LEAKPROOF_KEY: TEST_KEY });
  server = await startReview({ source: sourceUrl, policy: policyFile }, io);
  printed = io.out;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const api = (path: string) => new URL(path, server.url).toString();
async function sendAndKeep(url: string, options?: Parameters<typeof send>[1]): Promise<Reply> {
  const reply = await send(url, options);
  sent.push(reply.text);
  return reply;
}

describe('review server', () => {
  it('prints its one address once, on 127.0.0.1 with a token', () => {
    const all = printed.join('');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}\/$/);
    expect(all.split(server.url)).toHaveLength(2);
  });

  it('answers only with the token and only to its own host name', async () => {
    const { origin } = new URL(server.url);
    expect((await send(`${origin}/`)).status).toBe(404);
    expect((await send(`${origin}/${'x'.repeat(32)}/api/state`)).status).toBe(404);
    expect((await send(api('api/state'), { headers: { host: 'attacker.example' } })).status).toBe(421);
    const port = new URL(server.url).port;
    expect((await send(api('api/state'), { headers: { host: `rebound.example:${port}` } })).status).toBe(421);
    expect((await send(api('api/state'), { headers: { host: `localhost:${port}` } })).status).toBe(200);
    const noSlash = await send(server.url.slice(0, -1));
    expect(noSlash.status).toBe(308);
    expect(noSlash.headers.location).toBe(new URL(server.url).pathname);
  });

  it('serves a page that can fetch from itself only', async () => {
    const page = await sendAndKeep(server.url);
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('takes writes as JSON from its own page only', async () => {
    const body = { change: { table: 'public.applicant', column: 'gender', transform: 'keep', options: '' } };
    const { origin } = new URL(server.url);
    expect(
      (await send(api('api/preview'), { body, headers: { origin: 'http://attacker.example' } })).status,
    ).toBe(403);
    expect((await send(api('api/preview'), { body, headers: { origin } })).status).toBe(200);
    expect((await send(api('api/preview'), { body, headers: { 'content-type': 'text/plain' } })).status).toBe(
      415,
    );
    expect((await send(api('api/save'), { body: { change: body.change } })).status).toBe(400);
  });

  it('shows every table and column with type, decision, reason and masked samples', async () => {
    const reply = await sendAndKeep(api('api/state'));
    const state = JSON.parse(reply.text) as ReviewState;
    expect(state.coverage).toMatchObject({ tables: 10, undecided: [], problems: [] });
    const applicant = state.tables.find((t) => t.name === 'public.applicant')!;
    expect(applicant.subject).toBe(true);
    const dob = applicant.columns.find((c) => c.name === 'date_of_birth')!;
    expect(dob).toMatchObject({
      type: 'date',
      decision: { transform: 'dateShift', options: 'maxDays: 180' },
      reason: 'date of birth',
      status: 'decided',
    });
    expect(dob.samples).toHaveLength(3);
    for (const s of dob.samples) {
      expect(s.source).toMatch(/^\d•+\d\d$/);
      expect(s.fake).toMatch(/^\d{4}-\d\d-\d\d$/);
    }
    const gender = applicant.columns.find((c) => c.name === 'gender')!;
    expect(gender.samples.every((s) => s.fake === null && s.note === 'copied as it is')).toBe(true);
  });

  it('refuses a save the loader refuses, with its message, and leaves the file as it was', async () => {
    const before = await readFile(policyFile, 'utf8');
    const state = JSON.parse((await sendAndKeep(api('api/state'))).text) as ReviewState;
    const change = {
      table: 'public.applicant',
      column: 'date_of_birth',
      transform: 'dateShift',
      options: 'maxDays: 180, maxDayz: 3',
    };
    const preview = await sendAndKeep(api('api/preview'), { body: { change } });
    const saved = await sendAndKeep(api('api/save'), { body: { base: state.sha256, change } });
    expect(saved.status).toBe(400);
    const line = before.split('\n').findIndex((l) => l.includes('date_of_birth:')) + 1;
    const message = `tables.public.applicant.columns.date_of_birth (line ${line}): dateShift: Unrecognized key: "maxDayz"`;
    expect(JSON.parse(saved.text).error).toEqual({
      message: `The policy ${policyFile} does not fit the source.`,
      details: [message],
    });
    expect(JSON.parse(preview.text).column.problems).toEqual([message]);
    expect(await readFile(policyFile, 'utf8')).toBe(before);

    const unknown = await sendAndKeep(api('api/save'), {
      body: { base: state.sha256, change: { ...change, transform: 'dateShfit', options: '' } },
    });
    expect(JSON.parse(unknown.text).error.details).toEqual([
      `tables.public.applicant.columns.date_of_birth (line ${line}): unknown transform 'dateShfit'; did you mean 'dateShift'?`,
    ]);
  });

  it('saves a valid change atomically, keeping the mode, and refuses one made on an older file', async () => {
    const before = await readFile(policyFile, 'utf8');
    const mode = (await stat(policyFile)).mode;
    const state = JSON.parse((await sendAndKeep(api('api/state'))).text) as ReviewState;
    const change = { table: 'public.applicant', column: 'updated_at', transform: 'null', options: '' };
    const saved = await sendAndKeep(api('api/save'), { body: { base: state.sha256, change } });
    expect(saved.status).toBe(200);
    const after = await readFile(policyFile, 'utf8');
    const [was, is] = [before.split('\n'), after.split('\n')];
    const changed = is.flatMap((line, i) => (line === was[i] ? [] : [i]));
    expect(is).toHaveLength(was.length);
    expect(changed).toHaveLength(1);
    expect(was[changed[0]!]).toMatch(/^ {6}updated_at: keep +# a date or time, not a date of birth$/);
    expect(is[changed[0]!]).toMatch(/^ {6}updated_at: 'null' +# a date or time, not a date of birth$/);
    expect(is[changed[0]!]!.indexOf('#')).toBe(was[changed[0]!]!.indexOf('#'));
    expect((await stat(policyFile)).mode).toBe(mode);
    const loaded = (await loadPolicyFile(policyFile)).tables.get('public.applicant');
    expect(loaded?.kind === 'copy' && loaded.columns.get('updated_at')?.transform).toBe('null');
    const newState = JSON.parse(saved.text).state as ReviewState;
    expect(newState.sha256).not.toBe(state.sha256);

    const stale = await sendAndKeep(api('api/save'), {
      body: { base: state.sha256, change: { ...change, transform: 'keep' } },
    });
    expect(stale.status).toBe(409);
    expect(await readFile(policyFile, 'utf8')).toBe(after);
  });

  it('lists undecided columns and adds the decision the page makes', async () => {
    const text = await readFile(policyFile, 'utf8');
    await writeFile(policyFile, text.replace(/ {6}hired_on: .*\n/, ''));
    const state = JSON.parse((await sendAndKeep(api('api/state'))).text) as ReviewState;
    expect(state.coverage.undecided).toEqual(['public.staff.hired_on']);
    const hired = state.tables
      .find((t) => t.name === 'public.staff')!
      .columns.find((c) => c.name === 'hired_on')!;
    expect(hired).toMatchObject({ status: 'undecided', decision: null });
    const change = {
      table: 'public.staff',
      column: 'hired_on',
      transform: 'dateShift',
      options: 'maxDays: 30',
    };
    const saved = await sendAndKeep(api('api/save'), { body: { base: state.sha256, change } });
    expect(saved.status).toBe(200);
    expect((JSON.parse(saved.text).state as ReviewState).coverage.undecided).toEqual([]);
    expect(await readFile(policyFile, 'utf8')).toContain(
      '      hired_on: { transform: dateShift, maxDays: 30 }\n',
    );
  });

  it('makes its fakes with a one-off key when none is configured, and says so', async () => {
    const io = quietIo({});
    const other = await startReview({ source: sourceUrl, policy: policyFile }, io);
    try {
      const state = JSON.parse(
        (await sendAndKeep(new URL('api/state', other.url).toString())).text,
      ) as ReviewState;
      expect(state.keyNote).toMatch(/one-off key and differ from the copy's/);
      expect(io.out.join('')).toContain('No key configured');
    } finally {
      await other.close();
    }
    await expect(
      startReview({ source: sourceUrl, policy: policyFile, keyFile: join(dir, 'no-such.key') }, quietIo({})),
    ).rejects.toMatchObject({ code: 'LP_NO_KEY' });
  });

  it('never sent a source value: only masks and fakes', async () => {
    const { samples } = await withDatabase(sourceUrl, readReviewSource);
    const state = JSON.parse((await sendAndKeep(api('api/state'))).text) as ReviewState;
    // Every applicant's identifiers, read straight from the source. (Names, streets and dates are
    // checked per cell below: a fake drawn from a list may be some other applicant's real one.)
    const people = await withDatabase(sourceUrl, (db) =>
      db.query<Record<string, string | null>>('SELECT bsn::text, email, phone, iban FROM public.applicant'),
    );
    const personal = people
      .flatMap((r) => Object.values(r))
      .filter((v): v is string => v !== null && v.length >= 5);
    expect(personal.length).toBeGreaterThan(600);
    const everything = sent.join('\n');
    const spelled = (v: string) => [v, JSON.stringify(v).slice(1, -1)];
    // Counts only: the values themselves must not reach the test output either.
    const found = personal.filter((v) => spelled(v).some((s) => everything.includes(s)));
    expect(found.length, 'source identifiers sent').toBe(0);

    // Every sampled cell, of every column, kept ones too: shown masked, and never as a fake.
    let cells = 0;
    let shown = 0;
    for (const table of state.tables) {
      const sample = samples.get(table.name)!;
      for (const [i, column] of table.columns.entries()) {
        for (const [row, cell] of column.samples.entries()) {
          const raw = sample.rows[row]![i];
          if (raw === null || raw === undefined) {
            expect(cell.source).toBeNull();
            continue;
          }
          cells++;
          const masked = cell.source !== null && cell.source !== raw && cell.source.includes('•');
          if (!masked || (raw.length >= 2 && cell.fake === raw)) shown++;
        }
      }
    }
    expect(cells).toBeGreaterThan(200);
    expect(shown, 'sampled values sent as they are').toBe(0);
  });
});
