import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { leakproof, leakproofCopy, tempDir } from '../support/cli.js';
import { demoSource, emptyDatabase } from '../support/databases.js';
import { dropMysqlDatabases } from '../support/mysql.js';
import { dropAll } from '../support/postgres.js';

afterAll(async () => {
  await dropAll();
  await dropMysqlDatabases();
});

test('probe mysql demo', async () => {
  let t = performance.now();
  const source = await demoSource('mysql', 300);
  console.log('built', Math.round(performance.now() - t));
  const dir = await tempDir();
  const policy = join(dir, 'p.yaml');
  const init = await leakproof(['init', '--source', source, '--out', policy]);
  console.log(init.code, init.stderr.slice(0, 2000));
  for (const engine of ['mysql', 'postgres', 'pglite'] as const) {
    t = performance.now();
    const target = await emptyDatabase(engine);
    const r = await leakproofCopy({ source, target, policy, report: join(dir, `${engine}.json`) });
    console.log(engine, r.code, Math.round(performance.now() - t), r.stderr.slice(0, 3000));
  }
  expect(1).toBe(1);
}, 600_000);
