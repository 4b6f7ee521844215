/**
 * The benchmark's table for the terminal and `bench/RESULTS.md`. Pure: takes the measurements,
 * returns text. The maintainers' notes under "Where the time goes" survive a rerun (kept between
 * two HTML comments), since the rest of the file is rewritten every time.
 */

const notesStart = '<!-- maintainers: notes start -->';
const notesEnd = '<!-- maintainers: notes end -->';
const notesPlaceholder =
  '_Maintainers: what the per-phase numbers above mean, and what would make them smaller._';

const int = (n) => Math.round(n).toLocaleString('en-US');
const sec = (n) => n.toFixed(1);

/**
 * The main table, in Markdown (it reads well in a terminal too). A run's ratio is against the
 * baseline of its `group` (its engine: PostgreSQL when it has none, `'mysql'` for the MySQL rows).
 */
export function renderTable(runs, totals) {
  const groupOf = (run) => run.group ?? 'postgres';
  const baselines = new Map();
  for (const run of runs)
    if (run.baseline && run.seconds !== null && !baselines.has(groupOf(run)))
      baselines.set(groupOf(run), run);
  const lines = [
    '| approach | seconds | × baseline | rows/s | MB/s | peak RSS (MB) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const run of runs) {
    if (run.seconds === null) {
      lines.push(`| ${run.name} | — | — | — | — | ${run.note ?? ''} |`);
      continue;
    }
    const baseline = baselines.get(groupOf(run));
    const ratio = baseline ? (run.seconds / baseline.seconds).toFixed(2) : '—';
    const rss = run.peakRssMb === null ? '' : int(run.peakRssMb);
    lines.push(
      `| ${run.name} | ${sec(run.seconds)} | ${ratio} | ${int(totals.rows / run.seconds)} | ` +
        `${(totals.copyMb / run.seconds).toFixed(1)} | ${rss} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Phase timings from the copy and verify reports, with their share of the report's total; `engine`
 * (e.g. 'MySQL') goes before each row's name when the reports are not the PostgreSQL ones.
 */
export function renderPhases(copyReport, verifyReport, copySeconds, engine = '') {
  const lines = ['| phase | seconds | share |', '|---|---:|---:|'];
  const prefix = engine ? `${engine} ` : '';
  const timings = copyReport?.timings ?? {};
  const total = timings.total ?? 0;
  for (const phase of ['introspect', 'fingerprint', 'load', 'constraints', 'verify']) {
    const s = timings[phase];
    if (typeof s !== 'number') continue;
    lines.push(
      `| ${prefix}copy: ${phase} | ${s.toFixed(2)} | ${total > 0 ? Math.round((s / total) * 100) : 0}% |`,
    );
  }
  // The check of the rows as they are written runs on a worker thread during the load: its busy
  // time is part of the load's wall time, not added to it.
  if (typeof timings.verifyDuringLoad === 'number')
    lines.push(
      `| ${prefix}copy: leak check on the stream (worker thread, during the load) | ${timings.verifyDuringLoad.toFixed(2)} | |`,
    );
  if (total > 0) {
    lines.push(`| ${prefix}copy: total (report) | ${total.toFixed(2)} | 100% |`);
    lines.push(
      `| ${prefix}copy: process start, key, policy, connections (process − report) | ${(copySeconds - total).toFixed(2)} | |`,
    );
  }
  for (const table of copyReport?.tables ?? [])
    lines.push(
      `| ${prefix}copy: load of ${table.name} (${int(table.rows.written)} rows) | ${table.seconds.toFixed(2)} | |`,
    );
  for (const [phase, s] of Object.entries(verifyReport?.timings ?? {}))
    lines.push(`| ${prefix}verify alone: ${phase} | ${s.toFixed(2)} | |`);
  return lines.join('\n');
}

export function renderBigTable(big) {
  const lines = [
    '| rows in one table | COPY text MB | `leakproof copy` s | rows/s | peak RSS (MB) |',
    '|---:|---:|---:|---:|---:|',
  ];
  for (const b of big)
    lines.push(
      `| ${int(b.rows)} | ${b.copyMb.toFixed(b.copyMb < 10 ? 1 : 0)} | ${sec(b.seconds)} | ${int(b.rows / b.seconds)} | ${int(b.peakRssMb)} |`,
    );
  return lines.join('\n');
}

/** What the copy's leak check read and found, from its report; null when it has no such numbers. */
function checkSentence(report, whose) {
  const check = report?.verification;
  if (!check?.scanned) return null;
  const fp = check.fingerprints;
  return (
    `${whose} leak check read ${int(check.scanned.values)} values in ${int(check.scanned.rows)} rows ` +
    `(${int(check.scanned.valuesPerSecond)} values/s)` +
    (fp
      ? ` against ${int(fp.fingerprints)} fingerprints of ${int(fp.values)} personal values of ${int(fp.subjects)} people`
      : '') +
    `; findings: ${int(check.findings?.total ?? 0)}.`
  );
}

/** The maintainers' notes from an earlier RESULTS.md, or the placeholder. */
export function keptNotes(previous) {
  const start = previous?.indexOf(notesStart) ?? -1;
  const end = previous?.indexOf(notesEnd) ?? -1;
  if (start < 0 || end < start) return notesPlaceholder;
  return previous.slice(start + notesStart.length, end).trim() || notesPlaceholder;
}

export function renderResults({
  date,
  machine,
  command,
  sizes,
  totals,
  runs,
  copyReport,
  verifyReport,
  copySeconds,
  big,
  bigSkipped,
  notes,
  remarks,
  mysql = null,
}) {
  const out = [];
  out.push('# Benchmark results');
  out.push('');
  out.push(
    'Written by `npm run bench` (`bench/run.js`); every run overwrites this file except the notes at the end. ' +
      'One PostgreSQL server holds the generated "production" database and every copy; each approach ' +
      'copies the same database in turn, and the server is checkpointed before each so none pays for ' +
      "another's writes.",
  );
  out.push('');
  out.push('What each row is:');
  out.push('');
  out.push(
    '- **`pg_dump -Fp | psql`**: a plain, un-anonymized copy into a fresh database — the baseline every PostgreSQL ratio is against.',
  );
  out.push(
    '- **template copy + UPDATE**: `CREATE DATABASE … TEMPLATE` (a file-level copy) and crude SQL `UPDATE`s of the ' +
      'same personal columns the policy transforms: no format-valid fakes, no consistent pseudonyms, no check.',
  );
  out.push(
    '- **…+ VACUUM FULL**: the same, plus `VACUUM FULL` of the updated tables; without it the old values stay on ' +
      'disk in dead row versions, readable by anyone with file access or `pageinspect`.',
  );
  out.push(
    '- **`leakproof copy`**: the anonymized copy with its leak check (one target transaction, committed only when the check finds nothing), as one process; the check scans the rows as they are written, on a worker thread.',
  );
  out.push(
    "- **`leakproof copy --jobs 1`**: the same copy with the source's fingerprints made on the main thread only; the row above uses the default, one thread per core (`--jobs`), so the two show what the worker pool brings.",
  );
  out.push(
    '- **`leakproof verify`**: the leak check alone on that copy (fingerprint the source, scan every value of the target).',
  );
  out.push(
    '- **MySQL: …**: the same rows moved as they are into a MySQL/MariaDB database (not timed), then ' +
      '`mysqldump --single-transaction --quick | mysql` into a fresh database — the baseline of the MySQL ratios — ' +
      'and `leakproof copy` and `leakproof verify` from MySQL to MySQL, with the policy `leakproof init` drafts there.',
  );
  out.push('');
  out.push(
    "× baseline is against the plain copy of the row's engine (`pg_dump | psql`, or `mysqldump | mysql` for the MySQL rows). " +
      "rows/s and MB/s divide the source's rows and its size as COPY text (the bytes of `COPY … TO STDOUT` of every " +
      'table, counted) by the seconds. Seconds are wall time of the whole process or SQL statement; peak RSS is ' +
      "the Leakproof process's maximum resident set size.",
  );
  out.push('');
  out.push(`## Latest run: ${date}`);
  out.push('');
  out.push(renderTable(runs, totals));
  out.push('');
  out.push(
    `Source: ${int(sizes.applicants)} applicants, ${int(sizes.applications)} applications, ${int(sizes.documents)} documents ` +
      `(${int(totals.rows)} rows; ${totals.copyMb.toFixed(0)} MB as COPY text, ${totals.diskMb.toFixed(0)} MB on disk with indexes). ` +
      `Generated in ${sec(sizes.generateSeconds)} s.`,
  );
  out.push('');
  out.push(`Command: \`${command}\``);
  out.push('');
  for (const remark of remarks) out.push(`- ${remark}`);
  if (remarks.length > 0) out.push('');
  out.push('## Machine');
  out.push('');
  for (const [k, v] of Object.entries(machine)) out.push(`- ${k}: ${v}`);
  out.push('');
  out.push('## Memory: one table at 10× the rows');
  out.push('');
  if (big.length > 0) {
    out.push(
      '`leakproof copy` of a database with one table (`id`, `email`, a `note` naming the person), at two sizes. The aim: the same peak RSS at both, since rows stream and only the fingerprints of the personal values are held.',
    );
    out.push('');
    out.push(renderBigTable(big));
  } else {
    out.push(`Not run (${bigSkipped}).`);
  }
  out.push('');
  out.push('## Where the time goes');
  out.push('');
  out.push('Per phase, from the `leakproof copy` and `leakproof verify` reports of the run above:');
  out.push('');
  out.push(renderPhases(copyReport, verifyReport, copySeconds));
  out.push('');
  const check = checkSentence(copyReport, "The copy's");
  if (check) out.push(check, '');
  if (mysql?.copy) {
    out.push('The same for the MySQL rows (`leakproof copy` and `leakproof verify` from MySQL to MySQL):');
    out.push('');
    out.push(renderPhases(mysql.copy.report, mysql.verify?.report, mysql.copy.seconds, 'MySQL'));
    out.push('');
    const mysqlCheck = checkSentence(mysql.copy.report, "The MySQL copy's");
    if (mysqlCheck) out.push(mysqlCheck, '');
  }
  out.push(notesStart);
  out.push(notes);
  out.push(notesEnd);
  out.push('');
  return out.join('\n');
}
