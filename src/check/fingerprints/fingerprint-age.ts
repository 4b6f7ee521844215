/**
 * Whether a fingerprint file is older than what a scan looks at: people who joined the source after
 * the fingerprints were taken are not looked for, so a copy made later may hold people the scan
 * cannot name. Pure: times in, one line out.
 */
import { fingerprintsTakenAt } from './fingerprint-file.js';

/** An ISO time as a day, or as day and minute (UTC) when two times fall on one day. */
function when(time: Date, precise: boolean): string {
  const iso = time.toISOString();
  return precise ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
}

/**
 * A one-line warning when `target` was made or changed after the fingerprints were last taken,
 * else null (also when either time is unknown or not a time). `what` names the target ("the
 * database copy-3", "breach.csv"). Example: `fingerprintAgeWarning({ createdAt: '2026-11-02T…' },
 * { madeAt: '2026-11-30T…', what: 'breach.csv' })` → `'The fingerprints were taken 2026-11-02 and
 * breach.csv was made or changed 2026-11-30: …'`.
 */
export function fingerprintAgeWarning(
  file: { readonly createdAt: string; readonly updates?: readonly { readonly at: string }[] },
  target: { readonly madeAt: string | null; readonly what: string },
): string | null {
  if (target.madeAt === null) return null;
  const taken = new Date(fingerprintsTakenAt(file));
  const made = new Date(target.madeAt);
  if (Number.isNaN(taken.getTime()) || Number.isNaN(made.getTime()) || made <= taken) return null;
  const precise = when(taken, false) === when(made, false);
  return (
    `The fingerprints were taken ${when(taken, precise)} and ${target.what} was made or changed ` +
    `${when(made, precise)}: people who joined the source since are not looked for; refresh with ` +
    '`leakproof fingerprint --update`.'
  );
}
