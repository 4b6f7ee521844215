/** `leakproof check`: does the policy still cover the source's schema? For an application's CI. */
import { openDatabase } from '../../adapters/open-database.js';
import { LeakproofError } from '../../errors.js';
import { checkCoverage } from '../../policy/check-policy.js';
import { loadPolicyFile } from '../../policy/load-policy.js';
import type { CliIo } from '../io.js';

export async function runCheckCommand(options: { source: string; policy: string }, io: CliIo): Promise<void> {
  const policy = await loadPolicyFile(options.policy);
  const source = await openDatabase(options.source, 'source');
  let result: ReturnType<typeof checkCoverage>;
  let tables: number;
  let columns: number;
  try {
    const schema = await source.introspect();
    tables = schema.tables.length;
    columns = schema.tables.reduce((n, t) => n + t.columns.length, 0);
    result = checkCoverage(policy, schema);
  } finally {
    await source.close();
  }
  const problems = [...result.uncovered.map((c) => `no decision: ${c}`), ...result.problems];
  if (result.uncovered.length > 0) {
    throw new LeakproofError(
      'LP_POLICY_UNCOVERED',
      `The policy ${policy.file} has no decision for ${result.uncovered.length} of ${columns} source column(s).`,
      problems,
    );
  }
  if (result.problems.length > 0) {
    throw new LeakproofError(
      'LP_POLICY_INVALID',
      `The policy ${policy.file} does not fit the source.`,
      problems,
    );
  }
  io.stdout(
    `The policy ${policy.file} covers all ${tables} tables and ${columns} columns of ${source.displayName}.\n`,
  );
}
