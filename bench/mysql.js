/**
 * The bench's MySQL rows: the generated PostgreSQL database moved as it is into a fresh MySQL (or
 * MariaDB) database with `moveDemo` (not timed), a policy drafted by `leakproof init` on it, then,
 * timed as whole processes: `mysqldump --single-transaction --quick | mysql` into a fresh database
 * (the MySQL baseline), `leakproof copy` MySQL → MySQL and `leakproof verify` on that copy. Every
 * database it makes is named `lp_bench_…` and dropped at the end (and at the start, if a killed
 * run left one). No server or no client tools: one row that says "not timed: …".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { timed } from './measure.js';

export const defaultMysqlUrl = 'mysql://root@127.0.0.1:3306/';

const names = { source: 'lp_bench_src', dump: 'lp_bench_dump', copy: 'lp_bench_copy' };
// Also the staging and trash databases a killed `leakproof copy` onto lp_bench_copy leaves.
const ourDatabases = "SHOW DATABASES LIKE 'lp\\_bench\\_%'";

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

/** The bench's names for its rows, so the table's readers see which engine a row is. */
const rowNames = {
  dump: 'MySQL: `mysqldump --single-transaction --quick \\| mysql`',
  copy: 'MySQL: `leakproof copy` (with its leak check)',
  verify: 'MySQL: `leakproof verify` alone',
};

function parseServerUrl(text) {
  let url;
  try {
    url = new URL(text.replace(/^mariadb:/, 'mysql:'));
  } catch {
    throw new Error(`--mysql-url ${text} is not a URL; write mysql://user[:password]@host:port/`);
  }
  if (url.protocol !== 'mysql:')
    throw new Error(`--mysql-url must be mysql://… or mariadb://…, not ${url.protocol}`);
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
  };
}

/** The URL of one database on the server, as Leakproof takes it. */
function databaseUrl(server, database) {
  const auth = server.password
    ? `${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}`
    : encodeURIComponent(server.user);
  return `mysql://${auth}@${server.host}:${server.port}/${database}`;
}

/** The server as the results may show it: no password. */
const shown = (server) => `mysql://${server.user}@${server.host}:${server.port}/`;

/** mysqldump and mysql, else MariaDB's own names for them; null when a pair is not on PATH. */
function findClients() {
  const which = (tool) => {
    const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  for (const [dump, client] of [
    ['mysqldump', 'mysql'],
    ['mariadb-dump', 'mariadb'],
  ]) {
    const paths = [which(dump), which(client)];
    if (paths.every((p) => p)) return { dump: paths[0], client: paths[1] };
  }
  return null;
}

/** Connection options of the command-line clients (the password goes in MYSQL_PWD, not argv). */
const clientArgs = (server) => ['-h', server.host, '-P', String(server.port), '-u', server.user];
const clientEnv = (server) => (server.password ? { MYSQL_PWD: server.password } : {});

let cleanUpSync = null;

/**
 * For an interrupted bench (its clean-up is synchronous): drops the bench's MySQL databases with
 * the `mysql` client, when the section got as far as making them.
 */
export function dropMysqlDatabasesSync() {
  cleanUpSync?.();
}

async function dropOurs(admin) {
  const [rows] = await admin.query(ourDatabases);
  for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS \`${Object.values(row)[0]}\``);
}

/** Rows per table, counted, so a copy that lost rows does not pass for a fast one. */
async function rowCounts(admin, database, tables) {
  const counts = {};
  for (const t of tables) {
    const [rows] = await admin.query(`SELECT count(*) AS n FROM \`${database}\`.\`${t}\``);
    counts[t] = Number(rows[0].n);
  }
  return counts;
}

const sameCounts = (a, b) => Object.keys(a).every((t) => a[t] === b[t]);

const firstLine = (error) =>
  (error instanceof Error ? error.message : String(error))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 2)
    .join(' ')
    .replaceAll('|', '\\|')
    .slice(0, 300);

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

/** Why a Leakproof process failed, in one line: what its check found, or its error's line. */
function whyFailed(code, stderr, report) {
  const findings = report?.verification?.findings;
  if (code === 4 && findings) {
    const kinds = Object.entries(findings.byKind ?? {})
      .map(([kind, n]) => `${kind} ${n.toLocaleString('en-US')}`)
      .join(', ');
    const columns = Object.keys(findings.byColumn ?? {}).length;
    return `the check found ${findings.total.toLocaleString('en-US')} values (${kinds}) in ${columns} columns`;
  }
  const lines = stderr.split('\n').map((l) => l.trim());
  return firstLine(lines.find((l) => /\bLP_[A-Z_]+\b/.test(l)) ?? lines.filter(Boolean).at(-1) ?? '');
}

/**
 * Times one `leakproof` process; resolves with its row for the table and, when it succeeded, its
 * seconds and report. A failure is the row's note (with the seconds it took), not the bench's end.
 */
async function timeLeakproof(name, args, { report, env, tmp, log }) {
  const run = await timed(process.execPath, args, { env, tmp, label: name, okCodes: [0, 1, 2, 3, 4] });
  const json = readJson(report);
  if (run.code !== 0) {
    const why = whyFailed(run.code, run.stderr, json);
    log(`  failed (exit ${run.code}) after ${run.seconds.toFixed(1)} s: ${why}`);
    return {
      row: {
        name,
        group: 'mysql',
        seconds: null,
        note: `failed (exit ${run.code}, after ${run.seconds.toFixed(1)} s): ${why}`,
      },
      done: null,
    };
  }
  log(`  ${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB`);
  return {
    row: { name, group: 'mysql', seconds: run.seconds, peakRssMb: run.peakRssMb },
    done: { seconds: run.seconds, report: json },
  };
}

/**
 * Runs the MySQL section. `pgSourceUrl` is the generated PostgreSQL database; `counts` its rows per
 * table. Resolves with the rows for the main table (`group: 'mysql'`, so their ratio is against
 * the mysqldump row), the copy's and verify's reports, facts about the server and remarks.
 */
export async function mysqlSection({ url, skip, pgSourceUrl, counts, tmp, cli, env, log }) {
  const none = (note) => ({
    runs: [{ name: 'MySQL rows', group: 'mysql', baseline: true, seconds: null, note: `not timed: ${note}` }],
    copy: null,
    verify: null,
    server: null,
    remarks: [],
  });
  if (skip) return none('--no-mysql');
  const server = parseServerUrl(url);
  const clients = findClients();
  if (clients === null) return none('no mysqldump and mysql (nor mariadb-dump and mariadb) on PATH');
  let admin;
  try {
    admin = await mysql.createConnection({ ...server, connectTimeout: 3000, multipleStatements: true });
    await admin.query('SELECT 1');
  } catch (error) {
    admin?.destroy();
    return none(`no MySQL server answers at ${shown(server)} (${firstLine(error)})`);
  }

  cleanUpSync = () => {
    const sql = `SELECT CONCAT('DROP DATABASE \`', SCHEMA_NAME, '\`;') FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'lp\\_bench\\_%'`;
    const list = spawnSync(clients.client, [...clientArgs(server), '-N', '-B', '-e', sql], {
      encoding: 'utf8',
      env: { ...process.env, ...clientEnv(server) },
    });
    if (list.status === 0 && list.stdout.trim())
      spawnSync(clients.client, [...clientArgs(server), '-e', list.stdout], {
        env: { ...process.env, ...clientEnv(server) },
      });
  };
  const runs = [];
  const remarks = [];
  let copy = null;
  let verify = null;
  let facts = null;
  try {
    const [[v]] = await admin.query(
      'SELECT VERSION() AS version, @@innodb_buffer_pool_size AS pool, @@innodb_flush_log_at_trx_commit AS flush, @@local_infile AS local_infile, @@log_bin AS binlog',
    );
    facts = {
      version: v.version,
      settings:
        `innodb_buffer_pool_size ${Math.round(Number(v.pool) / 2 ** 20)}MB, innodb_flush_log_at_trx_commit ${v.flush}, ` +
        `local_infile ${Number(v.local_infile) ? 'on' : 'off'} (Leakproof loads with ${Number(v.local_infile) ? 'LOAD DATA LOCAL INFILE' : 'multi-row INSERTs'}), ` +
        `binary log ${Number(v.binlog) ? 'on' : 'off'}; the server was already running (not the bench's own), shared with whatever else uses it`,
    };
    await dropOurs(admin);

    // The source: the PostgreSQL rows as they are (not timed).
    log(`MySQL at ${shown(server)} (${v.version}): moving the source into ${names.source}…`);
    await admin.query(`CREATE DATABASE ${names.source}`);
    const { openDatabase } = await import(dist('adapters/open-database.js'));
    const { moveDemo } = await import(dist('demo/demo-on-engine.js'));
    const t0 = Date.now();
    const from = await openDatabase(pgSourceUrl, 'source');
    try {
      const to = await openDatabase(databaseUrl(server, names.source), 'target');
      try {
        await moveDemo(from, to);
      } finally {
        await to.close();
      }
    } finally {
      await from.close();
    }
    const moveSeconds = (Date.now() - t0) / 1000;
    const tables = Object.keys(counts);
    const sourceCounts = await rowCounts(admin, names.source, tables);
    if (!sameCounts(sourceCounts, counts))
      throw new Error(`moveDemo moved ${JSON.stringify(sourceCounts)}, not ${JSON.stringify(counts)}`);
    await admin.query(`ANALYZE TABLE ${tables.map((t) => `${names.source}.${t}`).join(', ')}`);
    const [[size]] = await admin.query(
      'SELECT SUM(DATA_LENGTH + INDEX_LENGTH) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [names.source],
    );
    log(`  in ${moveSeconds.toFixed(1)} s; drafting a policy with leakproof init…`);

    const policy = join(tmp, 'mysql.policy.yaml');
    const sourceUrl = databaseUrl(server, names.source);
    await timed(process.execPath, [cli, 'init', '--source', sourceUrl, '--out', policy, '--force'], {
      env,
      tmp,
      label: 'leakproof init (MySQL)',
    });
    const transformed = (readFileSync(policy, 'utf8').match(/^\s+\w+: (?!keep\b)\S/gm) ?? []).length;
    remarks.push(
      `MySQL rows: ${facts.version} at ${shown(server)}. The source is the generated database moved from ` +
        `PostgreSQL as it is (\`moveDemo\`, ${moveSeconds.toFixed(1)} s, not timed; ` +
        `${(Number(size.n) / 1e6).toFixed(0)} MB on disk with indexes, as information_schema estimates); ` +
        `its policy is \`leakproof init\`'s draft as it stands (${transformed} columns not kept), where the ` +
        "PostgreSQL rows use bench/generate.js's. rows/s and MB/s use the PostgreSQL source's rows and COPY text size. " +
        "The MySQL server is not the bench's own and is not checkpointed between approaches (InnoDB flushes in the background).",
    );

    // (a) The baseline: a plain logical copy.
    log('Timing mysqldump --single-transaction --quick | mysql…');
    await admin.query(`CREATE DATABASE ${names.dump}`);
    const args = clientArgs(server).map((a) => `'${a.replaceAll("'", "'\\''")}'`);
    const script =
      `"${clients.dump}" ${args.join(' ')} --single-transaction --quick "$1" | ` +
      `"${clients.client}" ${args.join(' ')} "$2"`;
    try {
      const dump = await timed('bash', ['-o', 'pipefail', '-c', script, 'bench', names.source, names.dump], {
        env: clientEnv(server),
        tmp,
        label: 'mysqldump | mysql',
      });
      const got = await rowCounts(admin, names.dump, tables);
      if (!sameCounts(got, counts)) throw new Error(`the dump's copy holds ${JSON.stringify(got)}`);
      runs.push({
        name: rowNames.dump,
        group: 'mysql',
        baseline: true,
        seconds: dump.seconds,
        peakRssMb: null,
      });
      log(`  ${dump.seconds.toFixed(1)} s`);
    } catch (error) {
      runs.push({
        name: rowNames.dump,
        group: 'mysql',
        baseline: true,
        seconds: null,
        note: `failed: ${firstLine(error)}`,
      });
      log(`  failed: ${firstLine(error)}`);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${names.dump}`);

    // (b) Leakproof's copy, with its leak check.
    log('Timing leakproof copy (MySQL → MySQL)…');
    await admin.query(`CREATE DATABASE ${names.copy}`);
    const targetUrl = databaseUrl(server, names.copy);
    const pair = ['--source', sourceUrl, '--target', targetUrl, '--policy', policy];
    const copyReport = join(tmp, 'mysql-copy-report.json');
    const copied = await timeLeakproof(
      rowNames.copy,
      [cli, 'copy', '--quiet', ...pair, '--report', copyReport],
      {
        report: copyReport,
        env,
        tmp,
        log,
      },
    );
    copy = copied.done;
    if (copy !== null) {
      const got = await rowCounts(admin, names.copy, tables);
      if (!sameCounts(got, counts)) {
        copy = null;
        copied.row = { ...copied.row, seconds: null, note: `failed: the copy holds ${JSON.stringify(got)}` };
      }
    }
    runs.push(copied.row);

    // (c) The leak check alone, on that copy.
    if (copy !== null) {
      log('Timing leakproof verify (MySQL)…');
      const verifyReport = join(tmp, 'mysql-verify-report.json');
      const verified = await timeLeakproof(
        rowNames.verify,
        [cli, 'verify', ...pair, '--report', verifyReport],
        { report: verifyReport, env, tmp, log },
      );
      verify = verified.done;
      runs.push(verified.row);
    } else {
      runs.push({
        name: rowNames.verify,
        group: 'mysql',
        seconds: null,
        note: 'not timed: no copy to verify',
      });
    }
    return { runs, copy, verify, server: facts, remarks };
  } catch (error) {
    // The PostgreSQL rows of a long run are not lost to a MySQL problem: it becomes the row's note.
    log(`MySQL rows: ${error instanceof Error ? error.message : error}`);
    const failed = none(`failed: ${firstLine(error)}`);
    return { ...failed, runs: [...runs, ...failed.runs], copy, verify, server: facts, remarks };
  } finally {
    await dropOurs(admin).catch((error) =>
      log(`Could not drop the bench's MySQL databases: ${error.message}`),
    );
    cleanUpSync = null;
    await admin.end().catch(() => admin.destroy());
  }
}
