/**
 * The `verification` section of a report — did the leak check pass, what did it read, what did it
 * find (masked) — and the `breach` section of a scan, which answers a breach notification's
 * questions (GDPR art. 33): how many people, which categories of data, how many records where.
 */

import type { FindingSummary } from '../check/matching/finding-tally.js';
import type { Finding } from '../check/matching/row-scanner.js';
import type { DataCategory } from '../policy/policy-model.js';

export interface ScanFacts {
  readonly tables: number;
  readonly rows: number;
  readonly values: number;
  readonly seconds: number;
  readonly findings: FindingSummary;
}

export interface VerificationReport {
  readonly passed: boolean;
  readonly seconds: number;
  readonly scanned: {
    readonly tables: number;
    readonly rows: number;
    readonly values: number;
    readonly valuesPerSecond: number;
  };
  readonly fingerprints?: {
    readonly subjectTables: readonly string[];
    readonly subjects: number;
    readonly values: number;
    readonly fingerprints: number;
  };
  readonly findings: {
    readonly total: number;
    readonly byCheck: Readonly<Record<string, number>>;
    readonly byKind: Readonly<Record<string, number>>;
    readonly byColumn: Readonly<Record<string, number>>;
    readonly rowsByTable: Readonly<Record<string, number>>;
    readonly categories: readonly DataCategory[];
    /** The first findings, masked; `truncated` when there were more. */
    readonly listed: readonly Finding[];
    readonly truncated: boolean;
  };
}

/** Where the list of the people found went (`scan --affected-out`): it is personal data, so not here. */
export interface AffectedList {
  /** The file, readable by its owner only; null when none was asked for. */
  readonly file: string | null;
  /** People in it (the report's `people`). */
  readonly people: number;
  readonly notice: string;
}

/** A file the scan read, or left unread with the reason. */
export interface BreachFile {
  readonly path: string;
  readonly format: string;
  readonly gzip: boolean;
  readonly bytes: number;
  readonly modifiedAt: string;
  readonly tables: number;
  readonly rows: number;
}

export interface BreachReport {
  /**
   * When the fingerprints were taken of the source: the people found are those the source held
   * then, and the leaked copy holds data of that date or older.
   */
  readonly sourceTakenAt: string;
  /** Distinct people the findings point at: subject records linked by `personRule`. */
  readonly people: number;
  /** Distinct subject records (rows of subject tables) the findings point at, before linking. */
  readonly subjectRecords: number;
  /** Subject table → its records found (how many applicants, how many staff…). */
  readonly subjectRecordsByTable: Readonly<Record<string, number>>;
  /** Which subject records count as one person. */
  readonly personRule: string;
  readonly categories: readonly DataCategory[];
  /** `schema.table` → rows holding personal data of someone in the source. */
  readonly recordsByTable: Readonly<Record<string, number>>;
  /** `schema.table.column` → findings. */
  readonly columns: Readonly<Record<string, number>>;
  /** Findings of values shared by many people, not counted as anyone in particular. */
  readonly sharedValueFindings: number;
  /** Findings of values from source rows that belong to no subject table. */
  readonly untracedFindings: number;
  /**
   * Who: the production keys of the people found, one row per person, are in a file of their own
   * (art. 34); the report says where, never who.
   */
  readonly affected: AffectedList;
  /** Files scanned (`scan --file`), and those left unread with why. */
  readonly files?: {
    readonly scanned: readonly BreachFile[];
    readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  };
  /**
   * The registered copy the scanned database is (`leakproof copies`): when it was made, with which
   * policy, until when it was meant to live, so the period of exposure is known. Null: none
   * registered (or no register at hand); absent for files.
   */
  readonly registeredCopy?: {
    readonly runId: string;
    readonly madeAt: string;
    readonly policy: { readonly file: string; readonly sha256: string };
    readonly keyId: string;
    readonly expiresAt: string | null;
    readonly droppedAt: string | null;
  } | null;
  /** Things the reader of the counts must know (fingerprints older than the target…). */
  readonly warnings: readonly string[];
}

export function verificationReport(
  scan: ScanFacts,
  fingerprints?: VerificationReport['fingerprints'],
): VerificationReport {
  const f = scan.findings;
  return {
    passed: f.total === 0,
    seconds: scan.seconds,
    scanned: {
      tables: scan.tables,
      rows: scan.rows,
      values: scan.values,
      valuesPerSecond: scan.seconds > 0 ? Math.round(scan.values / scan.seconds) : scan.values,
    },
    ...(fingerprints ? { fingerprints } : {}),
    findings: {
      total: f.total,
      byCheck: f.byCheck,
      byKind: f.byKind,
      byColumn: f.byColumn,
      rowsByTable: f.rowsByTable,
      categories: f.categories,
      listed: f.listed,
      truncated: f.truncated,
    },
  };
}

export function breachReport(
  findings: FindingSummary,
  sourceTakenAt: string,
  extra: Pick<BreachReport, 'affected' | 'files' | 'warnings' | 'subjectRecordsByTable' | 'registeredCopy'>,
): BreachReport {
  return {
    sourceTakenAt,
    people: findings.people,
    subjectRecords: findings.subjectRecords,
    personRule: findings.personRule,
    categories: findings.categories,
    recordsByTable: findings.rowsByTable,
    columns: findings.byColumn,
    sharedValueFindings: findings.sharedValueFindings,
    untracedFindings: findings.untracedFindings,
    ...extra,
  };
}

const SHOWN = 10;
const n = (x: number) => x.toLocaleString('en-US');
const counted = (x: number, what: string) => `${n(x)} ${what}${x === 1 ? '' : 's'}`;

function findingLine(f: Finding): string {
  const shared = f.sharedBy !== undefined && f.sharedBy > 1 ? `, shared by ${f.sharedBy} people` : '';
  return `  ${f.table}.${f.column} [${f.row}]: ${f.kind} (${f.check}${shared}) ${f.sample}`;
}

/** Lines for stderr: passed, or what was found where, masked. */
export function summarizeVerification(report: VerificationReport): string {
  const { scanned, findings } = report;
  const read = `${n(scanned.values)} values in ${n(scanned.rows)} rows of ${scanned.tables} tables in ${report.seconds.toFixed(1)} s (${n(scanned.valuesPerSecond)} values/s)`;
  if (report.passed) return `Leak check passed: no personal data of the source found in ${read}.`;
  const lines = [`Leak check FAILED: ${n(findings.total)} finding(s) in ${read}.`];
  const columns = Object.entries(findings.byColumn).sort((a, b) => b[1] - a[1]);
  lines.push(
    `By column: ${columns
      .slice(0, SHOWN)
      .map(([c, k]) => `${c} (${n(k)})`)
      .join(', ')}${columns.length > SHOWN ? ', …' : ''}`,
  );
  lines.push(
    `By kind: ${Object.entries(findings.byKind)
      .map(([k, c]) => `${k} ${n(c)}`)
      .join(', ')}`,
  );
  for (const f of findings.listed.slice(0, SHOWN)) lines.push(findingLine(f));
  if (findings.total > SHOWN) lines.push(`  … ${n(findings.total - SHOWN)} more in the report`);
  return lines.join('\n');
}

export function summarizeBreach(breach: BreachReport, verification: VerificationReport): string {
  const lines = [
    summarizeVerification(verification)
      .replace('Leak check FAILED', 'Scan')
      .replace('Leak check passed', 'Scan'),
  ];
  if (verification.findings.total === 0) return lines.join('\n');
  lines.push(
    `People affected: ${n(breach.people)} (${counted(breach.subjectRecords, 'subject record')} in ` +
      `${counted(Object.keys(breach.subjectRecordsByTable).length, 'table')}; ` +
      `${breach.personRule}).`,
  );
  lines.push(`Categories of data: ${breach.categories.join(', ') || '—'}.`);
  lines.push(
    `Records per table: ${Object.entries(breach.recordsByTable)
      .map(([t, k]) => `${t} ${n(k)}`)
      .join(', ')}.`,
  );
  if (breach.sharedValueFindings > 0)
    lines.push(
      `${n(breach.sharedValueFindings)} finding(s) are values many people share: not counted as anyone.`,
    );
  if (breach.untracedFindings > 0)
    lines.push(
      `${n(breach.untracedFindings)} finding(s) come from rows no subject table leads to: not counted as people.`,
    );
  if (breach.registeredCopy)
    lines.push(
      `The database is the copy ${breach.registeredCopy.runId} made ${breach.registeredCopy.madeAt.slice(0, 10)} ` +
        `with policy ${breach.registeredCopy.policy.file} (sha256 ${breach.registeredCopy.policy.sha256.slice(0, 12)}…)` +
        `${breach.registeredCopy.expiresAt ? `, meant to expire ${breach.registeredCopy.expiresAt.slice(0, 10)}` : ''}.`,
    );
  lines.push(breach.affected.notice);
  for (const warning of breach.warnings) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}
