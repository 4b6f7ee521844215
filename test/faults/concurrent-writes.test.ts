/**
 * The source keeps changing while the copy reads it: another client inserts clients with their
 * accounts and notes, moves money between accounts, updates people's contact details and deletes
 * clients with everything they hold, in many small transactions. Each transaction keeps the one-row
 * ledger true (counts of clients, accounts and notes; the sum of all balances, which never changes)
 * and bumps its version. The copy reads one snapshot, so the target must hold exactly the state after
 * one of the writer's transactions — a version from the copy's start — with its ledger, its counts
 * and its foreign keys all consistent, though the writer went on committing long after.
 */

import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDatabase, dropAll, sql } from '../support/postgres.js';
import {
  endWatcher,
  type FaultSource,
  faultSource,
  firstNames,
  lastNames,
  outputs,
  personalValues,
  personalValuesIn,
  phases,
  rowCounts,
  startCopy,
  userTables,
} from './support/faults.js';

const CLIENTS = 4_000;

let source: FaultSource;
/** Personal values of the source before the writer started, and every one the writer wrote. */
let values: Map<string, string>;

beforeAll(async () => {
  source = await faultSource({ clients: CLIENTS });
  values = await personalValues(source);
});

afterAll(async () => {
  await endWatcher();
  await dropAll();
});

interface Ledger {
  readonly version: number;
  readonly clients: number;
  readonly accounts: number;
  readonly notes: number;
  readonly total: number;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A BSN passing the 11-proef, from a range the source's own clients do not use. */
function bsn(n: number): string {
  for (let k = n * 13; ; k++) {
    const digits = String(60_000_000 + k).padStart(8, '0');
    const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0) % 11;
    if (sum < 10) return digits + sum;
  }
}

/** A Dutch IBAN (bank ABNA) passing mod-97. */
function iban(account: number): string {
  const acc = String(7_000_000_000 + account).padStart(10, '0');
  const check = 98 - Number(BigInt(`10112310${acc}232100`) % 97n);
  return `NL${String(check).padStart(2, '0')}ABNA${acc}`;
}

/**
 * The writer: one transaction after another until stopped, each a random insert, transfer, update
 * or delete that keeps the ledger true. `history` holds the ledger after every committed version.
 */
class Writer {
  readonly history = new Map<number, Ledger>();
  committed = 0;
  #stopped = false;
  #done: Promise<void> | undefined;
  readonly #client: pg.Client;
  readonly #next = random(20261127);
  /** Client id → its account ids. */
  readonly #clients = new Map<number, number[]>();
  #inserted = 0;

  constructor(
    url: string,
    private readonly remember: (value: string, where: string) => void,
  ) {
    this.#client = new pg.Client({ connectionString: url, application_name: 'leakproof-faults-writer' });
  }

  async start(): Promise<Ledger> {
    await this.#client.connect();
    const accounts = await this.#client.query<{ id: number; client_id: number }>(
      'SELECT id, client_id FROM public.account ORDER BY id',
    );
    for (const { id, client_id } of accounts.rows)
      this.#clients.set(client_id, [...(this.#clients.get(client_id) ?? []), id]);
    const ledger = await this.#ledger('SELECT * FROM public.ledger');
    this.history.set(ledger.version, ledger);
    this.committed = ledger.version;
    this.#done = this.#loop();
    return ledger;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    try {
      await this.#done;
    } finally {
      await this.#client.end();
    }
  }

  async #ledger(text: string, params: unknown[] = []): Promise<Ledger> {
    const [row] = (await this.#client.query<Record<string, string>>(text, params)).rows;
    return {
      version: Number(row?.version),
      clients: Number(row?.clients),
      accounts: Number(row?.accounts),
      notes: Number(row?.notes),
      total: Number(row?.total),
    };
  }

  #pick(): [number, number[]] {
    const ids = [...this.#clients.keys()];
    const id = ids[Math.floor(this.#next() * ids.length)]!;
    return [id, this.#clients.get(id)!];
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      await this.#client.query('BEGIN');
      try {
        const change = await this.#change();
        const ledger = await this.#ledger(
          `UPDATE public.ledger SET version = version + 1, clients = clients + $1, accounts = accounts + $2,
             notes = notes + $3 RETURNING *`,
          change,
        );
        await this.#client.query('COMMIT');
        this.history.set(ledger.version, ledger);
        this.committed = ledger.version;
      } catch (error) {
        await this.#client.query('ROLLBACK');
        throw error;
      }
    }
  }

  /** One change; returns how many clients, accounts and notes it added (negative: removed). */
  async #change(): Promise<[number, number, number]> {
    const q = (text: string, params: unknown[]) => this.#client.query(text, params);
    const dice = this.#next();
    if (dice < 0.3) {
      // A new client, an account funded from someone else's, and a note naming them.
      const n = ++this.#inserted;
      const id = 1_000_000 + n;
      const account = 20_000_000 + n;
      const first = firstNames[n % firstNames.length]!;
      const last = lastNames[(n * 7) % lastNames.length]!;
      const email = `${first.toLowerCase()}.${last.toLowerCase()}.w${n}@mailbox.test`;
      const phone = `06${String(30_000_000 + n * 7).padStart(8, '0')}`;
      const person = { bsn: bsn(n), email, phone, iban: iban(n), accountIban: iban(500_000 + n) };
      for (const [column, value] of Object.entries(person)) this.remember(value, `writer ${column}`);
      const [, fromAccounts] = this.#pick();
      await q(`INSERT INTO public.client VALUES ($1, $2, $3, $4, $5, $6, date '1980-01-01' + $7::int, $8)`, [
        id,
        person.bsn,
        first,
        last,
        email,
        phone,
        n % 10_000,
        person.iban,
      ]);
      await q('UPDATE public.account SET balance = balance - 100 WHERE id = $1', [fromAccounts[0]]);
      await q('INSERT INTO public.account VALUES ($1, $2, $3, 100)', [account, id, person.accountIban]);
      await q('INSERT INTO public.client_note (id, client_id, account_id, body) VALUES ($1, $2, $3, $4)', [
        id,
        id,
        account,
        `New client ${first} ${last}, reachable at ${phone} or ${email}.`,
      ]);
      this.#clients.set(id, [account]);
      return [1, 1, 1];
    }
    if (dice < 0.7) {
      // A transfer between two accounts.
      const [, a] = this.#pick();
      const [, b] = this.#pick();
      const amount = 1 + Math.floor(this.#next() * 500);
      await q('UPDATE public.account SET balance = balance - $2 WHERE id = $1', [a[0], amount]);
      await q('UPDATE public.account SET balance = balance + $2 WHERE id = $1', [
        b[a === b ? 0 : b.length - 1],
        amount,
      ]);
      return [0, 0, 0];
    }
    if (dice < 0.8) {
      // New contact details.
      const [id] = this.#pick();
      const phone = `06${String(40_000_000 + Math.floor(this.#next() * 9_999_999)).padStart(8, '0')}`;
      this.remember(phone, 'writer phone');
      await q('UPDATE public.client SET phone = $2 WHERE id = $1', [id, phone]);
      return [0, 0, 0];
    }
    // A client leaves: notes, then accounts (balances go to another client), then the client.
    const [id, accounts] = this.#pick();
    let [heir, heirAccounts] = this.#pick();
    while (heir === id) [heir, heirAccounts] = this.#pick();
    const notes = await q('DELETE FROM public.client_note WHERE client_id = $1', [id]);
    const moved = await q('DELETE FROM public.account WHERE client_id = $1 RETURNING balance', [id]);
    const balance = moved.rows.reduce((sum, r) => sum + Number(r.balance), 0);
    await q('UPDATE public.account SET balance = balance + $2 WHERE id = $1', [heirAccounts[0], balance]);
    await q('DELETE FROM public.client WHERE id = $1', [id]);
    this.#clients.delete(id);
    return [-1, -accounts.length, -(notes.rowCount ?? 0)];
  }
}

test('a copy made while another client writes to the source is one consistent snapshot from its start', {
  timeout: 180_000,
}, async () => {
  const writer = new Writer(source.url, (value, where) => values.set(value, where));
  const initial = await writer.start();
  const waitForCommits = async (n: number) => {
    const from = writer.committed;
    while (writer.committed < from + n) await new Promise((r) => setTimeout(r, 10));
  };
  try {
    await waitForCommits(20);
    const target = await createDatabase('lp_fault_dst');
    const startedAt = writer.committed;
    const run = await startCopy(source, target, { label: 'copy under concurrent writes' });
    // The snapshot is taken by the first statement after "Reading the source schema" and before
    // "Fingerprinting…" is printed: it holds the writer's transactions up to a version in between.
    expect(await run.printed(phases.fingerprint)).toBe(true);
    const snapshotBy = writer.committed + 1; // the next commit may be visible before COMMIT returns here
    const copied = await run.done;
    await waitForCommits(5);

    expect(copied.code, copied.stderr).toBe(0);
    const ledgers = await sql<Record<string, string>>(target, 'SELECT * FROM public.ledger');
    expect(ledgers).toHaveLength(1);
    const version = Number(ledgers[0]?.version);
    // A version from the copy's start, and the writer went on long after it.
    expect(version).toBeGreaterThanOrEqual(startedAt);
    expect(version).toBeLessThanOrEqual(snapshotBy);
    expect(writer.committed - version).toBeGreaterThan(20);

    // The target holds exactly the state after that version: its counts, as the writer saw them.
    const expected = writer.history.get(version)!;
    const counts = await rowCounts(target, ['public.client', 'public.account', 'public.client_note']);
    const [{ total } = { total: '' }] = await sql<{ total: string }>(
      target,
      'SELECT sum(balance)::text AS total FROM public.account',
    );
    expect({
      ledger: Object.fromEntries(Object.entries(ledgers[0]!).map(([k, v]) => [k, Number(v)])),
      clients: counts['public.client'],
      accounts: counts['public.account'],
      notes: counts['public.client_note'],
      total: Number(total),
    }).toEqual({
      ledger: { id: 1, ...expected },
      clients: expected.clients,
      accounts: expected.accounts,
      notes: expected.notes,
      total: initial.total,
    });

    // Every foreign key holds (the copy also re-created them, which would have failed otherwise).
    const [orphans] = await sql<{ accounts: string; notes: string }>(
      target,
      `SELECT (SELECT count(*) FROM public.account a
                WHERE NOT EXISTS (SELECT FROM public.client c WHERE c.id = a.client_id))::text AS accounts,
              (SELECT count(*) FROM public.client_note n
                WHERE NOT EXISTS (SELECT FROM public.client c WHERE c.id = n.client_id)
                   OR (n.account_id IS NOT NULL
                       AND NOT EXISTS (SELECT FROM public.account a WHERE a.id = n.account_id)))::text AS notes`,
    );
    expect(orphans).toEqual({ accounts: '0', notes: '0' });
    const constraints = await sql<{ name: string }>(
      target,
      "SELECT conname AS name FROM pg_catalog.pg_constraint WHERE contype = 'f' ORDER BY 1",
    );
    expect(constraints.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'account_client_id_fkey',
        'client_note_account_id_fkey',
        'client_note_client_id_fkey',
      ]),
    );
    // The tables the writer left alone arrived whole.
    const untouched = source.tables.filter((t) => !/^public\.(client|account|client_note|ledger)$/.test(t));
    expect(await rowCounts(target, untouched)).toEqual(await rowCounts(source.url, untouched));
    expect(await userTables(target)).toEqual(source.tables);
  } finally {
    await writer.stop();
  }
});

test('no output of the run (stdout, stderr, report) holds a personal value, the writer’s included', () => {
  expect(outputs.length).toBeGreaterThan(1);
  expect(personalValuesIn(outputs, values)).toEqual([]);
});
