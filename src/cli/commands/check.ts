/** `leakproof check`: does the policy still cover the source's schema? For an application's CI. */
import { openDatabase } from '../../adapters/open-database.js';
import { requireCoverage } from '../../policy/check-policy.js';
import { loadPolicyFile } from '../../policy/load-policy.js';
import type { CliIo } from '../io.js';

export async function runCheckCommand(options: { source: string; policy: string }, io: CliIo): Promise<void> {
  const policy = await loadPolicyFile(options.policy);
  const source = await openDatabase(options.source, 'source');
  try {
    const schema = await source.introspect();
    // The same check `copy` runs before it writes anything: exit 3 for missing decisions, 2 for a broken policy.
    requireCoverage(policy, schema);
    const columns = schema.tables.reduce((n, t) => n + t.columns.length, 0);
    io.stdout(
      `The policy ${policy.file} covers all ${schema.tables.length} tables and ${columns} columns of ${source.displayName}.\n`,
    );
  } finally {
    await source.close();
  }
}
