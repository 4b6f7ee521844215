/**
 * The leak check held against a brute-force oracle that shares no code with it
 * (`test/oracle/brute-force-oracle.ts`), on four fixture databases of different shapes that nobody
 * shaped around what Leakproof handles. With `init`'s draft used unedited:
 * - `copy` must succeed, and the oracle must find nothing of the source in what it released;
 * - on a target that still holds the source's data, `verify` must refuse (exit 4) and name every
 *   table.column the oracle names there.
 * Failure messages show tables, columns, kinds and masked samples only.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFixture, type FixtureName, fixtureNames } from '../fixtures/oracle/index.js';
import { bruteForceOracle, describeFindings, type OracleFinding } from '../oracle/brute-force-oracle.js';
import { leakproof, leakproofCopy, tempDir } from '../support/cli.js';
import { createDatabase, dropAll } from '../support/postgres.js';

afterAll(dropAll);

interface ReportFindings {
  readonly byColumn?: Readonly<Record<string, number>>;
  readonly byKind?: Readonly<Record<string, number>>;
  readonly listed?: readonly { table: string; column: string; kind: string; sample: string }[];
}

async function reportFindings(file: string): Promise<ReportFindings> {
  const report = JSON.parse(await readFile(file, 'utf8')) as { verification?: { findings?: ReportFindings } };
  return report.verification?.findings ?? {};
}

/** Every `schema.table.column` the report names, combinations (`a+b`) split into their columns. */
function namedColumns(findings: ReportFindings): Set<string> {
  const named = new Set<string>(Object.keys(findings.byColumn ?? {}));
  for (const f of findings.listed ?? []) for (const c of f.column.split('+')) named.add(`${f.table}.${c}`);
  return named;
}

/**
 * Whether the check named the place of an oracle finding: the exact table.column for a value or a
 * digit run; for a pair (two words anywhere in one row), any of the columns the words were in.
 */
function covered(finding: OracleFinding, named: ReadonlySet<string>): boolean {
  const columns = finding.column.split('+').map((c) => `${finding.table}.${c}`);
  return finding.kind === 'pair' ? columns.some((c) => named.has(c)) : columns.every((c) => named.has(c));
}

/** One line per missed target column: kinds, source columns and one masked sample. */
function describeMissed(missed: readonly OracleFinding[]): string {
  const byColumn = new Map<string, OracleFinding[]>();
  for (const f of missed) {
    const key = `${f.table}.${f.column}`;
    byColumn.set(key, [...(byColumn.get(key) ?? []), f]);
  }
  return [...byColumn]
    .map(([column, fs]) => {
      const kinds = [...new Set(fs.map((f) => f.kind))].join('/');
      const sources = [...new Set(fs.map((f) => `${f.sourceTable}.${f.sourceColumn}`))]
        .slice(0, 4)
        .join(', ');
      return `${column}: ${fs.length} × ${kinds} from ${sources}; e.g. ${fs[0]?.sample}`;
    })
    .join('\n');
}

describe.each(fixtureNames)('fixture %s', (name: FixtureName) => {
  let source = '';
  let dir = '';
  let policy = '';
  let policyText = '';

  beforeAll(async () => {
    source = await createFixture(name);
    dir = await tempDir();
    policy = join(dir, 'policy.yaml');
    const init = await leakproof(['init', '--source', source, '--out', policy]);
    expect(init.code, init.stderr).toBe(0);
    policyText = await readFile(policy, 'utf8');
  });

  test("copy with init's unedited draft is released, and the oracle finds nothing in it", async () => {
    const target = await createDatabase();
    const report = join(dir, 'copy.json');
    const copy = await leakproofCopy({ source, target, policy, report });
    // stderr is the check's own summary: tables, columns, kinds and masked samples.
    expect(copy.code, copy.stderr).toBe(0);
    const found = await bruteForceOracle(source, target, policyText);
    expect(
      found,
      `the oracle found the source's data in the released copy:\n${describeFindings(found)}`,
    ).toEqual([]);
  });

  test('verify refuses a target holding the source data and names every column the oracle names', async () => {
    // The same data again: what a copy made without anonymizing anything would hold.
    const leaky = await createFixture(name);
    const report = join(dir, 'verify.json');
    const verify = await leakproof([
      'verify',
      '--source',
      source,
      '--target',
      leaky,
      '--policy',
      policy,
      '--report',
      report,
    ]);
    expect(verify.code, verify.stderr).toBe(4);
    const named = namedColumns(await reportFindings(report));
    const found = await bruteForceOracle(source, leaky, policyText);
    expect(found.length).toBeGreaterThan(0);
    const missed = found.filter((f) => !covered(f, named));
    expect(missed, `verify did not name these columns the oracle found:\n${describeMissed(missed)}`).toEqual(
      [],
    );
  });
});
