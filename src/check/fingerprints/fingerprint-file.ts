/**
 * The fingerprint file: what `leakproof fingerprint` writes and `leakproof scan` reads. JSON, with
 * the digest arrays as base64 of little-endian typed arrays. It holds no value in plain text, but
 * keyed digests of every personal value and the primary keys of the people: pseudonymous personal
 * data (GDPR recital 26), to be kept as safely as the source. The CLI writes it with mode 600.
 */
import { z } from 'zod';
import type { Keyed } from '../../core/keyed.js';
import { LeakproofError } from '../../errors.js';
import { type FingerprintArrays, FingerprintIndex, NO_COLUMN, type SubjectRef } from './fingerprint-index.js';

export const FINGERPRINT_FORMAT = 'leakproof-fingerprints';
/**
 * 2: the roles mark the identifiers that link one person's records (`Role.strong`). A file of
 * version 1 reads the same, but its records cannot be linked into people.
 * 3: the file says which database it came from (`sourceIdentity`), how many people and
 * fingerprints it holds, and its history (`updates`: the creation, then every
 * `fingerprint --update`). Files of version 1 and 2 read as before, without those facts.
 */
export const FINGERPRINT_VERSION = 3;

/** One fingerprinting of the source that went into the file: its creation, or an update. */
export interface FingerprintUpdate {
  readonly at: string;
  /** `DatabaseAdapter.identity()` of the source read; null for the creation of an older file. */
  readonly sourceIdentity: string | null;
  readonly policySha256: string;
  /** People the file named before (0 at creation) and after. */
  readonly subjectsBefore: number;
  readonly subjectsAfter: number;
  readonly fingerprintsAfter: number;
}

export interface FingerprintFileFacts {
  /** When the file was first made; the latest fingerprinting is the last of `updates`. */
  readonly createdAt: string;
  /** The source's display name (never a password), as of the latest fingerprinting. */
  readonly source: string;
  /** `DatabaseAdapter.identity()` of the source, the same whatever URL spelling reached it. */
  readonly sourceIdentity?: string;
  /** The policy of the latest fingerprinting. */
  readonly policy: { readonly file: string; readonly sha256: string };
  readonly subjectTables: readonly string[];
  /** Rows and non-null personal values read at the latest fingerprinting. */
  readonly rows: number;
  readonly values: number;
  /** Oldest first; the first entry is the creation. Absent in files of version 1 and 2. */
  readonly updates?: readonly FingerprintUpdate[];
}

/**
 * When the fingerprints were last taken: the latest of the creation and the updates. Example:
 * `fingerprintsTakenAt({ createdAt: '2026-11-02T…', updates: [...] })` → `'2026-11-30T…'`.
 */
export function fingerprintsTakenAt(facts: {
  readonly createdAt: string;
  readonly updates?: readonly { readonly at: string }[];
}): string {
  let latest = facts.createdAt;
  for (const { at } of facts.updates ?? []) if (Date.parse(at) > Date.parse(latest)) latest = at;
  return latest;
}

const arraysSchema = z.strictObject({
  hi: z.base64(),
  lo: z.base64(),
  roles: z.base64(),
  categories: z.base64(),
  // Absent in files written before findings named their source column.
  sources: z.base64().optional(),
  unlinked: z.base64(),
  holderStart: z.base64(),
  holders: z.base64(),
});

const count = z.number().int().nonnegative();

const updateSchema = z.strictObject({
  at: z.string(),
  sourceIdentity: z.string().nullable(),
  policySha256: z.string(),
  subjectsBefore: count,
  subjectsAfter: count,
  fingerprintsAfter: count,
});

const fileSchema = z.strictObject({
  format: z.literal(FINGERPRINT_FORMAT),
  version: z.union([z.literal(1), z.literal(2), z.literal(FINGERPRINT_VERSION)]),
  notice: z.string(),
  keyId: z.string(),
  createdAt: z.string(),
  source: z.string(),
  // Version 3 on (optional: a file written from facts that lack them still reads).
  sourceIdentity: z.string().optional(),
  policy: z.strictObject({ file: z.string(), sha256: z.string() }),
  subjectTables: z.array(z.string()),
  rows: count,
  values: count,
  subjectCount: count.optional(),
  fingerprintCount: count.optional(),
  updates: z.array(updateSchema).optional(),
  valueLengths: z.array(z.number().int().nonnegative()),
  sourceColumns: z.array(z.string()).optional(),
  longestSequence: z.number().int().nonnegative().optional(),
  subjects: z.strictObject({
    tables: z.array(z.string()),
    table: z.array(z.number().int().nonnegative()),
    keys: z.array(z.string()),
  }),
  arrays: arraysSchema,
});

export interface LoadedFingerprints {
  readonly index: FingerprintIndex;
  readonly facts: FingerprintFileFacts;
  /** Whether the file marks the identifiers that link records into people (version 2 on). */
  readonly linksPeople: boolean;
  readonly version: 1 | 2 | 3;
}

const NOTICE =
  'Pseudonymous personal data (GDPR recital 26): keyed digests of the personal values of the source ' +
  'named here, and the primary keys of its people. Keep it as safely as the source; delete it when ' +
  'it is no longer needed.';

const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

/** The file's text. Example: `writeFile(out, renderFingerprintFile(index, facts), { mode: 0o600 })`. */
export function renderFingerprintFile(index: FingerprintIndex, facts: FingerprintFileFacts): string {
  const tables = [...new Set(index.subjects.map((s) => s.table))];
  const a = index.arrays;
  return `${JSON.stringify({
    format: FINGERPRINT_FORMAT,
    version: FINGERPRINT_VERSION,
    notice: NOTICE,
    keyId: index.keyId,
    ...facts,
    subjectCount: index.subjectCount,
    fingerprintCount: index.size,
    valueLengths: index.valueLengths,
    sourceColumns: index.sourceColumns,
    longestSequence: index.longestSequence,
    subjects: {
      tables,
      table: index.subjects.map((s) => tables.indexOf(s.table)),
      keys: index.subjects.map((s) => s.key),
    },
    arrays: {
      hi: b64(a.hi),
      lo: b64(a.lo),
      roles: b64(a.roles),
      categories: b64(a.categories),
      sources: b64(a.sources),
      unlinked: b64(a.unlinked),
      holderStart: b64(a.holderStart),
      holders: b64(a.holders),
    },
  })}\n`;
}

function typed<T>(base64: string, bytesPer: number, make: (buffer: ArrayBuffer) => T, name: string): T {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % bytesPer !== 0) invalid(`${name} has a length that is not a multiple of ${bytesPer}`);
  const copy = new ArrayBuffer(bytes.length); // aligned, unlike a slice of the decoded buffer
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

function invalid(why: string): never {
  throw new LeakproofError('LP_FINGERPRINTS_INVALID', `The fingerprint file is damaged: ${why}.`);
}

/** Reads a fingerprint file's text; `keyed` must be the key it was made with. `name` is for messages. */
export function parseFingerprintFile(text: string, keyed: Keyed, name: string): LoadedFingerprints {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LeakproofError(
      'LP_FINGERPRINTS_FILE',
      `${name} is not a Leakproof fingerprint file (not JSON).`,
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new LeakproofError(
      'LP_FINGERPRINTS_FILE',
      `${name} is not a Leakproof fingerprint file of version 1 to ${FINGERPRINT_VERSION}.`,
      parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`),
    );
  }
  const f = parsed.data;
  if (f.keyId !== keyed.keyId) {
    throw new LeakproofError(
      'LP_KEY_MISMATCH',
      `${name} was made with key ${f.keyId}, but the key given is ${keyed.keyId}; use the same key.`,
    );
  }
  const { tables, table, keys } = f.subjects;
  if (table.length !== keys.length || table.some((t) => t >= tables.length))
    invalid('its subject list does not fit together');
  const subjects: SubjectRef[] = keys.map((key, i) => ({ table: tables[table[i]!]!, key }));
  const a = f.arrays;
  const arrays: FingerprintArrays = {
    hi: typed(a.hi, 4, (b) => new Uint32Array(b), 'hi'),
    lo: typed(a.lo, 4, (b) => new Uint32Array(b), 'lo'),
    roles: typed(a.roles, 1, (b) => new Uint8Array(b), 'roles'),
    categories: typed(a.categories, 2, (b) => new Uint16Array(b), 'categories'),
    sources:
      a.sources === undefined
        ? new Uint16Array(Buffer.from(a.hi, 'base64').length / 4).fill(NO_COLUMN)
        : typed(a.sources, 2, (b) => new Uint16Array(b), 'sources'),
    unlinked: typed(a.unlinked, 4, (b) => new Uint32Array(b), 'unlinked'),
    holderStart: typed(a.holderStart, 4, (b) => new Uint32Array(b), 'holderStart'),
    holders: typed(a.holders, 4, (b) => new Uint32Array(b), 'holders'),
  };
  if (arrays.holders.some((h) => h >= subjects.length)) invalid('a holder points at no subject');
  if (f.subjectCount !== undefined && f.subjectCount !== subjects.length)
    invalid('its count of people does not match its subject list');
  if (f.fingerprintCount !== undefined && f.fingerprintCount !== arrays.hi.length)
    invalid('its count of fingerprints does not match its arrays');
  const { createdAt, source, sourceIdentity, policy, subjectTables, rows, values, updates } = f;
  return {
    index: new FingerprintIndex(keyed, arrays, subjects, {
      valueLengths: f.valueLengths,
      ...(f.sourceColumns === undefined ? {} : { sourceColumns: f.sourceColumns }),
      ...(f.longestSequence === undefined ? {} : { longestSequence: f.longestSequence }),
    }),
    facts: {
      createdAt,
      source,
      ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
      policy,
      subjectTables,
      rows,
      values,
      ...(updates === undefined ? {} : { updates }),
    },
    linksPeople: f.version >= 2,
    version: f.version,
  };
}
