/**
 * The messages between the copy and its leak-check worker thread (`stream-check.ts` and
 * `stream-check-worker.ts`). Rows travel as the very COPY text chunks the target is sent; findings
 * come back masked, as the row scanner makes them. No other value crosses.
 */
import type { KeyedHandOver } from '../../core/keyed.js';
import type { NameKind } from '../../core/name-dictionary.js';
import type { IndexHandOver } from '../fingerprints/fingerprint-index.js';
import type { ScanColumn, ScanOptions, TracedFinding } from '../matching/row-scanner.js';

export interface StreamCheckSetup {
  readonly key: KeyedHandOver;
  readonly index: IndexHandOver;
  /** The known names (`knownNames`), so the worker need not load faker's lists to know them. */
  readonly names: ReadonlyMap<string, NameKind>;
  readonly options: ScanOptions;
}

/** How a table's rows are read: its columns as the scanner sees them, and where its key is. */
export interface StreamedTable {
  readonly table: string;
  readonly columns: readonly ScanColumn[];
  /** Positions of the primary key's columns, empty when it has none (rows are then numbered). */
  readonly keyAt: readonly number[];
  /**
   * How rows without a key are named: a file's line number (`line 17`) or its table's row number
   * in a file (`row 17`); absent, a database row's position (`#17`).
   */
  readonly numberedAs?: 'line' | 'row';
}

export type ToWorker =
  | { readonly kind: 'table'; readonly table: StreamedTable }
  | { readonly kind: 'rows'; readonly chunk: Uint8Array; readonly firstRow?: number }
  | { readonly kind: 'finish' };

export type FromWorker =
  /** A chunk has been scanned; the copy may send more. */
  | { readonly kind: 'scanned'; readonly bytes: number }
  | { readonly kind: 'findings'; readonly findings: readonly TracedFinding[] }
  | {
      readonly kind: 'finished';
      /** Rows scanned per table (`schema.table`). */
      readonly rows: Readonly<Record<string, number>>;
      readonly values: number;
      /** Time the worker spent scanning, not waiting for rows. */
      readonly busySeconds: number;
    };
