/**
 * A loaded policy: for every table either `skip` (structure copied, no rows) or a decision for each
 * column. Frozen plain data; `where` points back into the YAML so later checks can name the line.
 */
import type { DataCategory } from '../core/data-categories.js';
import type { Duration } from '../core/duration.js';

export type { DataCategory };

export interface SourcePosition {
  /** Path into the YAML document, e.g. `tables.public.applicant.columns.bsn`. */
  readonly path: string;
  /** 1-based line in the policy file, when known. */
  readonly line: number | null;
}

export interface ColumnDecision {
  /** Transform name; `keep` copies the value as it is. */
  readonly transform: string;
  /** Options written next to `transform:`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The category of personal data the column holds, when the policy declares it. */
  readonly category?: DataCategory;
  /**
   * `false` when the policy states that this kept column does not identify a person although most
   * of its values belong to one person each; only on `keep`, and always with `reason`.
   */
  readonly identifying?: false;
  /** Why the column does not identify a person, as the policy's author wrote it. */
  readonly reason?: string;
  /** The comment on the decision's line (`init` writes why it decided so there), for the report. */
  readonly comment?: string;
  readonly where: SourcePosition;
}

/** Why a decision was made: the policy's `reason`, or the comment on its line (where `init` writes it). */
export function reasonOf(decision: ColumnDecision): string | undefined {
  return decision.reason ?? decision.comment;
}

export type TablePolicy =
  | { readonly kind: 'skip'; readonly where: SourcePosition }
  | {
      readonly kind: 'copy';
      /** Rows of this table are people (used by breach scoping). */
      readonly subject: boolean;
      readonly columns: ReadonlyMap<string, ColumnDecision>;
      readonly where: SourcePosition;
    };

export interface Policy {
  readonly version: 1;
  /** Keyed by `schema.table`; a table written without a schema is in `public`. */
  readonly tables: ReadonlyMap<string, TablePolicy>;
  /** How long a copy may live, from the policy's `expires:`; absent: until dropped by hand. */
  readonly expires?: Duration;
  /** The file it came from and the SHA-256 of its bytes, for the report. */
  readonly file: string;
  readonly sha256: string;
}

/** `applicant` → `public.applicant`; `audit.log` stays. */
export function qualifyTableKey(key: string): string {
  return key.includes('.') ? key : `public.${key}`;
}

export function describePosition(where: SourcePosition): string {
  return where.line === null ? where.path : `${where.path} (line ${where.line})`;
}
