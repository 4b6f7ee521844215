/**
 * The fault tests' source: the leak fixture's five people plus thousands of generated clients
 * (BSN, names, e-mail, mobile, IBAN) with their accounts and notes, a ledger a concurrent writer
 * keeps true, optionally a table of large attachments; its policy; every personal value it holds,
 * for the search of the runs' output; and faults a target can be given before a copy.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../../support/cli.js';
import { planted } from '../../support/leaks.js';
import { createDatabase, sql } from '../../support/postgres.js';
import { quoted, userTables } from './observe.js';

const leaksSql = new URL('../../fixtures/leaks.sql', import.meta.url);
const leaksPolicy = new URL('../../fixtures/leaks.policy.yaml', import.meta.url);

export const firstNames = [
  'Annelies',
  'Bram',
  'Cornelis',
  'Daan',
  'Esmee',
  'Fenna',
  'Gerrit',
  'Hanneke',
  'Ilse',
  'Joris',
  'Khadija',
  'Lieke',
  'Mohammed',
  'Noortje',
  'Otto',
  'Priya',
  'Quirine',
  'Rutger',
  'Saskia',
  'Thijs',
  'Ursula',
  'Vincent',
  'Wilhelmina',
  'Yusuf',
  'Zeynep',
  'Agnieszka',
  'Bogdan',
  'Chidi',
  'Dewi',
  'Emre',
];
export const lastNames = [
  'Achterberg',
  'Brouwer',
  'Claassen',
  'Dekker',
  'Eijkelboom',
  'Franssen',
  'Groeneveld',
  'Hendriks',
  'IJzerman',
  'Jansen',
  'Kuipers',
  'Lambregts',
  'Meijer',
  'Nijhuis',
  'Oosterhout',
  'Postma',
  'Ramdin',
  'Schouten',
  'Timmermans',
  'Uitenbroek',
  'Verbeek',
  'Wouters',
  'Yildirim',
  'Zwart',
  'Kowalczyk',
  'Okonkwo',
  'Benali',
  'Soekhoe',
  'Nguyen',
  'Haddou',
];
const sqlArray = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(', ')}]`;

/**
 * Clients (people: BSN passing the 11-proef, names, e-mail, mobile, IBAN passing mod-97), their
 * accounts (balances add up to `ledger.total`) and notes naming them, and a one-row ledger that the
 * concurrent writer keeps true in every transaction.
 */
function clientsSql(clients: number): string {
  return `
CREATE TABLE public.client (
  id integer PRIMARY KEY,
  bsn char(9) NOT NULL UNIQUE,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text,
  phone text,
  birth_date date,
  iban text
);
CREATE TABLE public.account (
  id integer PRIMARY KEY,
  client_id integer NOT NULL REFERENCES public.client (id),
  iban text NOT NULL,
  balance bigint NOT NULL
);
CREATE INDEX account_client ON public.account (client_id);
CREATE TABLE public.client_note (
  id integer PRIMARY KEY,
  client_id integer NOT NULL REFERENCES public.client (id),
  account_id integer REFERENCES public.account (id),
  body text,
  -- The target computes it, so the leak check reads this table back instead of checking its stream.
  body_chars integer GENERATED ALWAYS AS (length(body)) STORED
);
CREATE INDEX client_note_account ON public.client_note (account_id);
-- What every committed transaction of the concurrent writer keeps true.
CREATE TABLE public.ledger (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL,
  clients bigint NOT NULL,
  accounts bigint NOT NULL,
  notes bigint NOT NULL,
  total bigint NOT NULL
);

CREATE FUNCTION pg_temp.bsn(i integer) RETURNS text LANGUAGE sql AS $$
  WITH d AS (SELECT lpad(((i::bigint * 7919) % 100000000)::text, 8, '0') AS s)
  SELECT s || ((9 * substr(s, 1, 1)::int + 8 * substr(s, 2, 1)::int + 7 * substr(s, 3, 1)::int
               + 6 * substr(s, 4, 1)::int + 5 * substr(s, 5, 1)::int + 4 * substr(s, 6, 1)::int
               + 3 * substr(s, 7, 1)::int + 2 * substr(s, 8, 1)::int) % 11)::text FROM d
$$;
-- NL IBAN for bank ABNA (A=10 B=11 N=23 A=10, N=23 L=21): check = 98 - (bank account NL00 mod 97).
CREATE FUNCTION pg_temp.iban(n bigint) RETURNS text LANGUAGE sql AS $$
  WITH a AS (SELECT lpad((4000000000 + n * 7)::text, 10, '0') AS acc)
  SELECT 'NL' || lpad((98 - (('10112310' || acc || '232100')::numeric % 97))::int::text, 2, '0')
         || 'ABNA' || acc FROM a
$$;

INSERT INTO public.client
  SELECT i, b, f, l,
         lower(f) || '.' || lower(l) || i || '@mailbox.test',
         '06' || lpad(((i::bigint * 104729) % 100000000)::text, 8, '0'),
         date '1950-01-01' + (i * 37 % 20000),
         pg_temp.iban(i)
  FROM (SELECT i, pg_temp.bsn(i) AS b,
               (${sqlArray(firstNames)})[1 + i % ${firstNames.length}] AS f,
               (${sqlArray(lastNames)})[1 + (i / ${firstNames.length}) % ${lastNames.length}] AS l
        FROM generate_series(1, ${Math.round(clients * 1.15)}) AS i) AS g
  WHERE length(b) = 9
  LIMIT ${clients};
INSERT INTO public.account
  SELECT c.id * 10 + k, c.id, pg_temp.iban(c.id * 10 + k + 1000000), 1000 + (c.id * 31 + k) % 5000
  FROM public.client c, generate_series(1, 1 + c.id % 2) AS k;
INSERT INTO public.client_note (id, client_id, account_id, body)
  SELECT c.id, c.id, c.id * 10 + 1,
         'Spoke with ' || c.first_name || ' ' || c.last_name || ' (' || c.phone || ') about a transfer to '
         || c.iban || '; confirmation sent to ' || c.email || '.'
  FROM public.client c;
INSERT INTO public.ledger
  SELECT 1, 0, (SELECT count(*) FROM public.client), (SELECT count(*) FROM public.account),
         (SELECT count(*) FROM public.client_note), (SELECT sum(balance) FROM public.account);
ANALYZE;
`;
}

const clientsPolicy = `
  client:
    subject: true
    columns:
      id: keep
      bsn: bsn
      first_name: firstName
      last_name: lastName
      email: email
      phone: phone
      birth_date: { transform: dateShift, maxDays: 180 }
      iban: iban
  account:
    columns:
      id: keep
      client_id: keep
      iban: iban
      balance: keep
  client_note:
    columns:
      id: keep
      client_id: keep
      account_id: keep
      body: scrub
      body_chars: keep
  ledger:
    columns:
      id: keep
      version: keep
      clients: keep
      accounts: keep
      notes: keep
      total: keep
`;

export interface FaultSource {
  readonly url: string;
  readonly policy: string;
  /** Every table of the source, `schema.name`, sorted. */
  readonly tables: readonly string[];
}

/**
 * Scanned attachments: `rows` rows of 64 KiB each (128 KiB as hex on the wire), redacted by the
 * policy. A table much larger than the socket buffers keeps the source's COPY running while the
 * copy reads it (a smaller table is sent whole at once and waits in the buffers).
 */
const attachmentSql = (rows: number) => `
CREATE TABLE public.attachment (
  id integer PRIMARY KEY,
  client_id integer NOT NULL REFERENCES public.client (id),
  scan bytea NOT NULL
);
INSERT INTO public.attachment
  SELECT n, id, decode(repeat(lpad(to_hex(n % 256), 2, '0'), 65536), 'hex')
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM public.client ORDER BY id LIMIT ${rows}) AS c;
`;

const attachmentPolicy = `
  attachment:
    columns:
      id: keep
      client_id: keep
      scan: { transform: redact, value: '\\x' }
`;

export interface FaultSourceOptions {
  /** Generated clients (each with 1–2 accounts and a note). */
  readonly clients: number;
  /** Rows of 64 KiB in public.attachment; none (no table) by default. */
  readonly attachments?: number;
}

/** A new source database with the leak fixture and generated clients, and its policy. */
export async function faultSource(options: FaultSourceOptions): Promise<FaultSource> {
  const url = await createDatabase('lp_fault_src');
  const attachments = options.attachments ?? 0;
  await sql(
    url,
    (await readFile(leaksSql, 'utf8')) +
      clientsSql(options.clients) +
      (attachments > 0 ? attachmentSql(attachments) : ''),
  );
  const policy = join(await tempDir('leakproof-faults-'), 'policy.yaml');
  // The leak fixture's policy ends with its `tables:` map, so the clients' tables append to it.
  await writeFile(
    policy,
    (await readFile(leaksPolicy, 'utf8')).trimEnd() +
      '\n' +
      clientsPolicy +
      (attachments > 0 ? attachmentPolicy : ''),
  );
  return { url, policy, tables: await userTables(url) };
}

/** The same source under a policy with some decisions replaced (`['last_name: lastName', 'last_name: keep']`). */
export async function withPolicyEdits(
  source: FaultSource,
  edits: readonly (readonly [string, string])[],
): Promise<FaultSource> {
  let text = await readFile(source.policy, 'utf8');
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`the policy has no "${from}"`);
    text = text.replace(from, to);
  }
  const policy = join(await tempDir('leakproof-faults-'), 'policy.yaml');
  await writeFile(policy, text);
  return { ...source, policy };
}

/**
 * Every personal value of a fault source, with where it is (`table.column`): the leak fixture's
 * planted values in every spelling, and every client's BSN, names, e-mail, phone and IBANs.
 */
export async function personalValues(source: FaultSource): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const v of planted) values.set(v, 'test/support/leaks.ts planted');
  const columns: Record<string, readonly string[]> = {
    'public.applicant': ['bsn', 'first_name', 'last_name', 'email', 'phone', 'iban'],
    'public.client': ['bsn', 'first_name', 'last_name', 'email', 'phone', 'iban'],
    'public.account': ['iban'],
    'archive.contact': ['email'],
  };
  for (const [table, cols] of Object.entries(columns)) {
    for (const col of cols) {
      const rows = await sql<{ v: string }>(
        source.url,
        `SELECT DISTINCT "${col}"::text AS v FROM ${quoted(table)} WHERE "${col}" IS NOT NULL`,
      );
      for (const { v } of rows) values.set(v, `${table}.${col}`);
    }
  }
  return values;
}

/**
 * Makes the target run `statement` (plain SQL) as soon as the copy creates `table` there, by an
 * event trigger: a constraint or a trigger the target adds to the copy's own table, so a row of it
 * fails in the middle of the load. `liftOnCreateTable` removes it.
 */
export async function onCreateTable(target: string, table: string, statement: string): Promise<void> {
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  await sql(
    target,
    `CREATE FUNCTION public.fault_on_create() RETURNS event_trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF EXISTS (SELECT FROM pg_catalog.pg_event_trigger_ddl_commands()
                  WHERE command_tag = 'CREATE TABLE' AND object_identity = ${literal(table)}) THEN
         EXECUTE ${literal(statement)};
       END IF;
     END $$;
     CREATE EVENT TRIGGER fault_on_create ON ddl_command_end EXECUTE FUNCTION public.fault_on_create();`,
  );
}

export async function liftOnCreateTable(target: string): Promise<void> {
  await sql(target, 'DROP EVENT TRIGGER fault_on_create; DROP FUNCTION public.fault_on_create()');
}
