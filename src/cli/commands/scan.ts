/**
 * `leakproof scan`: holds databases and files against a fingerprint file and answers a breach
 * notification's questions: who (in a file of its own, `--affected-out`), which data, how many
 * people and records, where.
 */

import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { DatabaseAdapter } from '../../adapters/adapter.js';
import { openRegister } from '../../adapters/register/open-register.js';
import { scanFiles } from '../../check/files/scan-files.js';
import { fingerprintAgeWarning } from '../../check/fingerprints/fingerprint-age.js';
import {
  PERSON_RULE,
  type PersonLinks,
  personLinks,
  UNMARKED_FILE_RULE,
  unlinkedPeople,
} from '../../check/fingerprints/person-links.js';
import { FindingTally } from '../../check/matching/finding-tally.js';
import {
  type AffectedPerson,
  affectedCsvLines,
  affectedPeople,
} from '../../check/scanning/affected-people.js';
import { scanDatabase } from '../../check/scanning/scan-database.js';
import type { Keyed } from '../../core/keyed.js';
import { LeakproofError } from '../../errors.js';
import type { CopyRegister } from '../../register/copy-record.js';
import { defaultRegisterDirectory, registerUrl } from '../../register/register-location.js';
import { type RegisteredCopy, registeredCopyOf } from '../../register/registered-copy.js';
import type { RunReport } from '../../report/run-report.js';
import {
  type AffectedList,
  type BreachFile,
  type BreachReport,
  breachReport,
  type ScanFacts,
  summarizeBreach,
  verificationReport,
} from '../../report/verification-report.js';
import type { TableModel } from '../../schema/model.js';
import type { CliIo } from '../io.js';
import { resolveKey } from '../key.js';
import { TableTimes } from '../progress.js';
import { TOOL_VERSION } from '../version.js';
import {
  type Context,
  type FingerprintsLoaded,
  finish,
  inSnapshot,
  loadFingerprints,
  onFailure,
  withVerification,
} from './proof.js';

export interface ScanCommandOptions {
  readonly fingerprints: string;
  /** A database to scan. */
  readonly target?: string;
  /** Files or folders to scan. */
  readonly file?: readonly string[];
  readonly report?: string;
  /** Where the list of the people found goes (personal data, mode 600). */
  readonly affectedOut?: string;
  readonly keyFile?: string;
  readonly quiet?: boolean;
  /** The register of copies to say which copy a scanned database is (default: as `copy` finds it). */
  readonly register?: string;
}

/** A fingerprint file as a scan uses it. */
export type ScanFingerprints = FingerprintsLoaded;

/** What to scan: a database, files, or both. */
export interface ScanPlace {
  readonly target?: string;
  readonly files?: readonly string[];
  /**
   * Asked once the target is open: which of its tables to leave unread (the watchdog's tables
   * unchanged since a clean scan).
   */
  readonly tablesToSkip?: (db: DatabaseAdapter) => Promise<(table: TableModel) => boolean>;
}

export interface ScanResult {
  readonly report: RunReport;
  readonly breach: BreachReport;
  readonly people: readonly AffectedPerson[];
  readonly summary: string;
  /** Tables left unread by `tablesToSkip`. */
  readonly skippedTables: number;
}

/** How one scan's records are linked into people: only when needed, and only when the file can. */
function linksFor(fingerprints: ScanFingerprints, found: number): PersonLinks {
  if (found === 0) return unlinkedPeople(PERSON_RULE);
  return fingerprints.linksPeople ? personLinks(fingerprints.index) : unlinkedPeople(UNMARKED_FILE_RULE);
}

function affectedNotice(file: string | null, people: number): string {
  if (people === 0)
    return file === null ? 'No one was found.' : `No one was found; ${file} holds the header only.`;
  if (file === null)
    return (
      'Who they are is in no report: pass --affected-out FILE to write their production keys ' +
      '(personal data) for the letters to them (GDPR art. 34).'
    );
  return (
    `The ${people === 1 ? 'person' : 'people'} found, with their production keys and the data ` +
    `found of each, are listed in ${file}: personal data, readable by you only.`
  );
}

/**
 * Scans `place` against loaded fingerprints. Example:
 * `await scanPlace(prints, { files: ['dumps/'] }, { io, keyed, quiet: true, context })`.
 */
export async function scanPlace(
  fingerprints: ScanFingerprints,
  place: ScanPlace,
  run: {
    io: CliIo;
    keyed: Keyed;
    quiet: boolean;
    context: Context;
    affectedFile?: string | null;
    /** Where to look up which registered copy a scanned database is; null: no register at hand. */
    register?: CopyRegister | null;
  },
): Promise<ScanResult> {
  const { context, io } = run;
  const { index } = fingerprints;
  context.source = { database: fingerprints.source, engine: 'fingerprints' };
  const tally = new FindingTally();
  const times = new TableTimes(io, run.quiet, 'scanned');
  const facts = { tables: 0, rows: 0, values: 0, seconds: 0 };
  const add = (o: { tables: number; rows: number; values: number; seconds: number }) => {
    facts.tables += o.tables;
    facts.rows += o.rows;
    facts.values += o.values;
    facts.seconds = Math.round((facts.seconds + o.seconds) * 100) / 100;
  };
  const names: string[] = [];
  let skippedTables = 0;
  let registered: RegisteredCopy | null | undefined;
  if (place.target !== undefined) {
    const target = place.target;
    const scanned = await inSnapshot(target, 'target', async (db) => {
      names.push(db.displayName);
      context.target = { database: db.displayName, engine: db.engine };
      registered =
        run.register == null
          ? null
          : await registeredCopyOf(run.register, await db.identity(), db.displayName);
      const skipTable = place.tablesToSkip === undefined ? undefined : await place.tablesToSkip(db);
      // Only what traces back to the source's people: identifiers of unknown people are not this breach.
      return scanDatabase({
        db,
        index,
        detectors: false,
        keyed: run.keyed,
        progress: times.tableDone,
        tally,
        ...(skipTable === undefined ? {} : { skipTable }),
      });
    });
    skippedTables = scanned.skipped;
    add(scanned);
  }
  let files: BreachReport['files'];
  if (place.files !== undefined && place.files.length > 0) {
    const outcome = await scanFiles({
      paths: place.files,
      index,
      tally,
      keyed: run.keyed,
      progress: times.tableDone,
      ...(io.env.PATH === undefined ? {} : { searchPath: io.env.PATH }),
    });
    add(outcome);
    files = { scanned: outcome.files, skipped: outcome.skipped };
    names.push(...place.files);
    context.target = {
      database: names.join(', '),
      engine: place.target === undefined ? 'files' : `${context.target?.engine ?? ''}+files`,
    };
  }
  const links = linksFor(fingerprints, tally.people().length);
  const summary = tally.summary(links);
  const scan: ScanFacts = { ...facts, findings: summary };
  const people = affectedPeople(tally, index, links);
  const subjectRecordsByTable: Record<string, number> = {};
  for (const p of people)
    for (const r of p.records) subjectRecordsByTable[r.table] = (subjectRecordsByTable[r.table] ?? 0) + 1;
  const file = run.affectedFile ?? null;
  const affected: AffectedList = {
    file,
    people: summary.people,
    notice: affectedNotice(file, summary.people),
  };
  const verification = verificationReport(scan);
  const breach = breachReport(summary, fingerprints.takenAt, {
    affected,
    subjectRecordsByTable,
    warnings: ageWarnings(fingerprints, files?.scanned ?? [], registered ?? null),
    ...(registered === undefined
      ? {}
      : { registeredCopy: registered === null ? null : copyFacts(registered) }),
    ...(files === undefined ? {} : { files }),
  });
  const report = withVerification(context, verification, { breach });
  return { report, breach, people, summary: summarizeBreach(breach, verification), skippedTables };
}

/** A warning when what was scanned is newer than the fingerprints (people who joined since are not looked for). */
function ageWarnings(
  fingerprints: ScanFingerprints,
  files: readonly BreachFile[],
  copy: RegisteredCopy | null,
): string[] {
  const warnings: string[] = [];
  if (copy !== null) {
    const warning = fingerprintAgeWarning(fingerprints.facts, {
      madeAt: copy.madeAt.toISOString(),
      what: `the registered copy ${copy.runId}`,
    });
    if (warning !== null) warnings.push(warning);
  }
  const newest = files.reduce<BreachFile | undefined>(
    (a, f) => (a === undefined || f.modifiedAt > a.modifiedAt ? f : a),
    undefined,
  );
  if (newest === undefined) return warnings;
  const what = files.length === 1 ? newest.path : `${newest.path} (the newest of ${files.length} files)`;
  const warning = fingerprintAgeWarning(fingerprints.facts, { madeAt: newest.modifiedAt, what });
  return warning === null ? warnings : [...warnings, warning];
}

function copyFacts(copy: RegisteredCopy): NonNullable<BreachReport['registeredCopy']> {
  return {
    runId: copy.runId,
    madeAt: copy.madeAt.toISOString(),
    policy: copy.policy,
    keyId: copy.keyId,
    expiresAt: copy.expiresAt?.toISOString() ?? null,
    droppedAt: copy.droppedAt?.toISOString() ?? null,
  };
}

/**
 * The register a scan consults: the one given (`--register`, `LEAKPROOF_REGISTER`), or the default
 * one if a copy was ever registered on this machine; a scan never makes a register of its own.
 */
export async function scanRegister(
  option: string | undefined,
  env: CliIo['env'],
): Promise<CopyRegister | null> {
  const explicit = (option ?? '') !== '' || (env.LEAKPROOF_REGISTER ?? '') !== '';
  if (!explicit && !existsSync(defaultRegisterDirectory(env))) return null;
  return openRegister(registerUrl(option, env));
}

/**
 * Writes the people found to `file`, readable by its owner only, all or nothing: a temp file
 * beside it, renamed into place, so no half-written list looks complete.
 */
export async function writeAffectedFile(file: string, people: readonly AffectedPerson[]): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, affectedCsvLines(people), { mode: 0o600, flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new LeakproofError(
      'LP_USAGE',
      `Cannot write the list of affected people to ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
}

/** Holds a database and/or files against a fingerprint file; exit 4 when anyone is found. */
export async function runScanCommand(options: ScanCommandOptions, io: CliIo): Promise<RunReport> {
  const context: Context = { toolVersion: TOOL_VERSION, command: 'scan', startedAt: new Date() };
  return onFailure(context, options, async () => {
    if (options.target === undefined && (options.file === undefined || options.file.length === 0))
      throw new LeakproofError('LP_USAGE', 'Nothing to scan: give --target URL, --file PATH…, or both.');
    const keyed = await resolveKey(options.keyFile, io);
    context.keyId = keyed.keyId;
    const fingerprints = await loadFingerprints(options.fingerprints, keyed);
    const register = options.target === undefined ? null : await scanRegister(options.register, io.env);
    const result = await scanPlace(
      fingerprints,
      {
        ...(options.target === undefined ? {} : { target: options.target }),
        ...(options.file ? { files: options.file } : {}),
      },
      {
        io,
        keyed,
        quiet: options.quiet === true,
        context,
        affectedFile: options.affectedOut ?? null,
        register,
      },
    ).finally(() => register?.close());
    if (options.affectedOut !== undefined) await writeAffectedFile(options.affectedOut, result.people);
    return finish(result.report, result.summary, options, io);
  });
}
