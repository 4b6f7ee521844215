/**
 * What `fingerprint --update` decides beside the merge itself: whether the file comes from the
 * source being read, and what the file then says about itself (its history). Pure.
 */
import type { FingerprintFileFacts, FingerprintUpdate } from './fingerprint-file.js';
import type { FingerprintIndex } from './fingerprint-index.js';

/** The source as read now. */
export interface SourceNow {
  /** `DatabaseAdapter.identity()`: the same for two URLs exactly when they reach one database. */
  readonly identity: string;
  readonly displayName: string;
}

/**
 * Why the file must not be updated from this source (a sentence naming both, without any
 * password), or null when it is the same source. A file of version 1 or 2 knows no identity: its
 * display name is compared instead. Example: `otherSource(loaded.facts, { identity, displayName })`.
 */
export function otherSource(file: FingerprintFileFacts, now: SourceNow): string | null {
  if (file.sourceIdentity === undefined)
    return file.source === now.displayName
      ? null
      : `it was made from ${file.source}, not from ${now.displayName}`;
  if (file.sourceIdentity === now.identity) return null;
  return (
    `it was made from another database (${file.source}) than ${now.displayName}; a server restart or ` +
    'a restore also gives a database a new identity'
  );
}

/** The file's history, the creation first; an older file's creation is made up from its facts. */
function historyOf(file: FingerprintFileFacts, index: FingerprintIndex): FingerprintUpdate[] {
  if (file.updates !== undefined && file.updates.length > 0) return [...file.updates];
  return [
    {
      at: file.createdAt,
      sourceIdentity: file.sourceIdentity ?? null,
      policySha256: file.policy.sha256,
      subjectsBefore: 0,
      subjectsAfter: index.subjectCount,
      fingerprintsAfter: index.size,
    },
  ];
}

/** The facts of the file a fingerprinting writes; for a new file. */
export interface FingerprintingNow {
  readonly at: string;
  readonly source: SourceNow;
  readonly policy: { readonly file: string; readonly sha256: string };
  readonly subjectTables: readonly string[];
  readonly rows: number;
  readonly values: number;
}

/** The facts of a new file, its history one entry long. Example: `createdFacts(now, outcome.index)`. */
export function createdFacts(now: FingerprintingNow, index: FingerprintIndex): FingerprintFileFacts {
  return {
    createdAt: now.at,
    source: now.source.displayName,
    sourceIdentity: now.source.identity,
    policy: now.policy,
    subjectTables: now.subjectTables,
    rows: now.rows,
    values: now.values,
    updates: [entry(now, 0, index)],
  };
}

/**
 * The facts of an updated file: its creation time stays, the source, policy and counts are now's,
 * the subject tables are both sides', and one entry joins the history.
 * Example: `updatedFacts(loaded.facts, loaded.index, now, merged)`.
 */
export function updatedFacts(
  file: FingerprintFileFacts,
  before: FingerprintIndex,
  now: FingerprintingNow,
  merged: FingerprintIndex,
): FingerprintFileFacts {
  return {
    createdAt: file.createdAt,
    source: now.source.displayName,
    sourceIdentity: now.source.identity,
    policy: now.policy,
    subjectTables: [...new Set([...file.subjectTables, ...now.subjectTables])],
    rows: now.rows,
    values: now.values,
    updates: [...historyOf(file, before), entry(now, before.subjectCount, merged)],
  };
}

function entry(now: FingerprintingNow, subjectsBefore: number, after: FingerprintIndex): FingerprintUpdate {
  return {
    at: now.at,
    sourceIdentity: now.source.identity,
    policySha256: now.policy.sha256,
    subjectsBefore,
    subjectsAfter: after.subjectCount,
    fingerprintsAfter: after.size,
  };
}
