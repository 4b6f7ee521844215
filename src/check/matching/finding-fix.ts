/**
 * What a person can do about a finding: the policy change that would resolve it, in one sentence
 * naming the column. A finding without one leaves its reader to guess why a copy was refused.
 */
import type { Finding } from './row-scanner.js';

/** What the scanner knows of how a target column was written. */
export interface WrittenColumn {
  /** The transform that wrote the column, or null/absent: kept as it was, or not Leakproof's. */
  readonly transform?: string | null;
  /** The policy keeps it with `identifying: false` and a reason: a person looked at it. */
  readonly acknowledged?: boolean;
}

type Found = Omit<Finding, 'table' | 'row' | 'fix'>;

/** Free text gets `scrub`; a column with one kind of value the transform of that kind. */
function transformFor(f: Found): string {
  switch (f.kind) {
    case 'bsn':
    case 'iban':
    case 'email':
    case 'phone':
      return f.kind;
    case 'address':
    case 'name':
    case 'name+birthDate':
    case 'postcode+houseNumber':
      return 'scrub (free text) or the name/address transform that fits';
    default:
      return 'scrub (free text) or code (identifiers)';
  }
}

export function fixFor(table: string, f: Found, column: WrittenColumn | undefined): string {
  const where = `${table}.${f.column}`;
  const from = f.source !== undefined && !f.source.startsWith('detector') ? ` (from ${f.source})` : '';
  if (f.kind === 'kept identifier')
    return `${where} is kept, but most of its values belong to one person each: transform it (code keeps the format), or keep it with { transform: keep, identifying: false, reason: "…" } if it identifies nobody outside this database.`;
  if (f.kind === 'unreadable binary')
    return `${where} is kept and holds binary values the check cannot read: set it to null (or redact), or, once a person has checked the files, keep it with { transform: keep, identifying: false, reason: "…" }.`;
  const transform = column?.transform ?? null;
  if (f.check === 'detector')
    return transform === null
      ? `${where} is kept and holds a valid ${f.kind} that no source row holds (someone's, the check cannot tell whose): transform the column (${transformFor(f)}).`
      : `${where} is written by ${transform} but holds a ${f.kind} it did not make: report this.`;
  if (transform === null)
    return `${where} is kept, but holds a value of the source${from}: transform it with ${transformFor(f)}; where the value is rightly there (a company named after its owner), scrub replaces just the person's part.`;
  if (transform === 'scrub' || transform === 'json')
    return `${transform} left a value of the source${from} in ${where}: set the column to redact or null, or report the text's shape so scrub can learn it.`;
  return `${where} is written by ${transform}, yet holds a value of the source${from}: use redact or null for it, and report this.`;
}
