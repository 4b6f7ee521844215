/**
 * Faults whose database errors carry a row: the target rejects a row of public.client in the middle
 * of the load, by a check constraint (PostgreSQL's detail: "Failing row contains (…)"), by a unique
 * constraint ("Key (last_name)=(…) already exists") and by a validation trigger whose message names
 * the row's values. The policy keeps last_name and email here, so the rows reaching the target hold
 * the source's real values. Whatever PostgreSQL puts in its error, none of them may reach stdout,
 * stderr or the report; and the run must still fail clearly with nothing released.
 *
 * (Every other fault test ends with the same search over all its runs' output: see
 * `personalValuesIn` in support/faults.ts.)
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDatabase, dropAll, sql } from '../support/postgres.js';
import {
  backendsGone,
  databaseName,
  endWatcher,
  errorLines,
  type FaultSource,
  failedClearly,
  faultSource,
  finishes,
  onCreateTable,
  outputs,
  personalValues,
  personalValuesIn,
  type RunResult,
  startCopy,
  userRelations,
  withPolicyEdits,
} from './support/faults.js';

const CLIENTS = 3_000;

let source: FaultSource;
let values: Map<string, string>;
let rejected: number;

beforeAll(async () => {
  const plain = await faultSource({ clients: CLIENTS });
  const client = /( {2}client:\n(?: {4}.*\n)+)/.exec(await readFile(plain.policy, 'utf8'))?.[1];
  if (client === undefined) throw new Error('no client table in the policy');
  source = await withPolicyEdits(plain, [
    [client, client.replace('last_name: lastName', 'last_name: keep').replace('email: email', 'email: keep')],
  ]);
  values = await personalValues(source);
  const [row] = await sql<{ id: number }>(
    source.url,
    `SELECT id FROM public.client ORDER BY id OFFSET ${CLIENTS / 2} LIMIT 1`,
  );
  rejected = row!.id;
});

afterAll(async () => {
  await endWatcher();
  await dropAll();
});

interface RowFault {
  readonly name: string;
  /** Runs when the copy creates public.client in the target. */
  readonly statement: () => string;
  readonly says: RegExp;
}

const faults: RowFault[] = [
  {
    name: 'a check constraint rejects a row (detail: the failing row)',
    statement: () => `ALTER TABLE public.client ADD CONSTRAINT fault_rule CHECK (id <> ${rejected})`,
    says: /check constraint/,
  },
  {
    name: 'a unique constraint rejects a row (detail: the duplicate key)',
    statement: () => 'ALTER TABLE public.client ADD CONSTRAINT fault_unique UNIQUE (last_name)',
    says: /unique constraint/,
  },
  {
    name: 'a validation trigger rejects a row, naming its values',
    statement: () =>
      `CREATE FUNCTION public.fault_validate() RETURNS trigger LANGUAGE plpgsql AS $f$
       BEGIN
         IF NEW.id = ${rejected} THEN
           RAISE EXCEPTION 'client % % (%) is on the blocklist', NEW.first_name, NEW.last_name, NEW.email;
         END IF;
         RETURN NEW;
       END $f$;
       CREATE TRIGGER fault_validate BEFORE INSERT ON public.client
         FOR EACH ROW EXECUTE FUNCTION public.fault_validate()`,
    says: /failed/,
  },
];

const results = new Map<string, RunResult>();

test.for(faults)('$name: the run fails clearly, nothing released', { timeout: 120_000 }, async (fault) => {
  const target = await createDatabase('lp_fault_dst');
  await onCreateTable(target, 'public.client', fault.statement());
  const run = await startCopy(source, target, { label: fault.name });
  const result = await finishes(run, 60_000);
  results.set(fault.name, result);
  expect(result.signal).toBeNull();
  expect(result.code).not.toBe(0);
  expect(failedClearly(result)).toEqual([]);
  expect(errorLines(result.stderr).message).toMatch(fault.says);
  expect(await backendsGone([databaseName(source.url), databaseName(target)])).toEqual([]);
  expect(await userRelations(target)).toEqual([]);
});

test.for(faults.slice(0, 2))('$name: no personal value in stdout, stderr or the report', (fault, context) => {
  if (!results.has(fault.name)) return context.skip('the fault did not run');
  const mine = outputs.filter((o) => o.what.startsWith(fault.name));
  expect(mine.length).toBeGreaterThan(1);
  expect(personalValuesIn(mine, values)).toEqual([]);
});

// A message a trigger's author wrote may hold the row's values in any form: it is not repeated.
test('a validation trigger rejects a row, naming its values: no personal value in stdout, stderr or the report', () => {
  const fault = faults[2]!;
  expect(results.has(fault.name), 'the fault did not run').toBe(true);
  const mine = outputs.filter((o) => o.what.startsWith(fault.name));
  expect(personalValuesIn(mine, values)).toEqual([]);
});
