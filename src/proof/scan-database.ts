/**
 * Reads every value of every table of a database — every schema, kept columns too — and holds it
 * against the fingerprints with the row scanner. Used by `copy` (on its own target, before it is
 * released), `verify` and the breach `scan`. Only findings leave; values stay in the loop.
 */
import type { DatabaseAdapter } from '../adapters/adapter.js';
import { decodeRows } from '../adapters/copy-text.js';
import { LeakproofError } from '../errors.js';
import { qualifiedName, type TableModel } from '../schema/model.js';
import { quoteIdent, quoteTable } from '../schema/sql-identifiers.js';
// Loads the name lists the row scanner asks about (`knownNames`).
import '../transforms/names.js';
import { FindingTally } from '../verify/finding-tally.js';
import type { FingerprintIndex } from '../verify/fingerprint-index.js';
import { rowKeyOf } from '../verify/row-key.js';
import { RowScanner, type ScanColumn } from '../verify/row-scanner.js';
import type { StreamCheckOutcome } from './stream-check.js';
import type { WrittenBy } from './written-by.js';

export interface ScanRequest {
  readonly db: DatabaseAdapter;
  readonly index: FingerprintIndex;
  /** Report detector hits (identifiers of unknown people) in columns Leakproof did not write. */
  readonly detectors: boolean;
  /** Which transform wrote a column (`schema.table`, column); default: none did (a breach scan). */
  readonly writtenBy?: WrittenBy;
  readonly progress?: (table: string, rows: number) => void;
  readonly signal?: AbortSignal;
  /** Read nothing (a copy told not to check); the outcome then has no findings. */
  readonly skipTables?: boolean;
  /** Findings go here; default: a new tally. */
  readonly tally?: FindingTally;
  /**
   * Tables whose rows were already scanned as they were written (`copy`'s check on the stream),
   * with their row counts: they are not read again, but their rows are counted, and a table that
   * holds rows the stream did not bring fails the scan.
   */
  readonly checkedOnStream?: StreamCheckOutcome;
}

export interface ScanOutcome {
  readonly tally: FindingTally;
  readonly tables: number;
  readonly rows: number;
  /** Non-null values read. */
  readonly values: number;
  readonly seconds: number;
}

/** Scans in whatever transaction `db` is in: the copy's own, or a snapshot the caller began. */
export async function scanDatabase(request: ScanRequest): Promise<ScanOutcome> {
  const started = performance.now();
  const schema = await request.db.introspect();
  const scanner = new RowScanner(request.index, { detectors: request.detectors });
  const tally = request.tally ?? new FindingTally();
  const streamed = request.checkedOnStream;
  let rows = 0;
  let values = streamed?.values ?? 0;
  for (const table of request.skipTables ? [] : schema.tables) {
    if (table.columns.length === 0) continue;
    const streamedRows = streamed?.rows.get(qualifiedName(table));
    if (streamedRows !== undefined) {
      await confirmRowCount(request.db, table, streamedRows);
      rows += streamedRows;
      continue;
    }
    const counted = await scanTable(request, scanner, tally, table);
    rows += counted.rows;
    values += counted.values;
  }
  return {
    tally,
    tables: schema.tables.length,
    rows,
    values,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

/** A streamed table must hold exactly the rows the check saw on their way in. */
async function confirmRowCount(db: DatabaseAdapter, table: TableModel, checked: number): Promise<void> {
  const [row] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteTable(table)}`);
  const held = Number(row?.n ?? 0);
  if (held !== checked)
    throw new LeakproofError(
      'LP_INTERNAL',
      `${qualifiedName(table)} holds ${held} rows, but ${checked} were written and checked; the copy was rolled back.`,
    );
}

/** The columns of a table as the scanner reads them, given which transform wrote each. */
export function scanColumnsOf(
  table: TableModel,
  columns: readonly string[],
  writtenBy?: WrittenBy,
): ScanColumn[] {
  const name = qualifiedName(table);
  const transformOf = (column: string) => writtenBy?.(name, column) ?? null;
  return columns.map((columnName) => {
    const c = table.columns.find((x) => x.name === columnName);
    if (c === undefined) throw new LeakproofError('LP_INTERNAL', `${name} has no column ${columnName}.`);
    return {
      name: c.name,
      shape: { category: c.category, isArray: c.isArray },
      // A generated column is computed by the target from copied columns, which are scanned themselves.
      produced: c.generatedExpr !== null || transformOf(c.name) !== null,
      // Words of a generated fake (a fake city, a fake code) are no one's name; free text may hold names.
      nameWords: [null, 'scrub', 'json'].includes(transformOf(c.name)),
    };
  });
}

/** Positions of the primary key's columns among `columns`; empty when a key column is missing. */
export function keyPositions(table: TableModel, columns: readonly string[]): number[] {
  const at = (table.primaryKey?.columns ?? []).map((k) => columns.indexOf(k));
  return at.includes(-1) ? [] : at;
}

async function scanTable(
  request: ScanRequest,
  scanner: RowScanner,
  tally: FindingTally,
  table: TableModel,
): Promise<{ rows: number; values: number }> {
  const name = qualifiedName(table);
  const names = table.columns.map((c) => c.name);
  const columns = scanColumnsOf(table, names, request.writtenBy);
  const keyAt = keyPositions(table, names);
  const select = `SELECT ${names.map((c) => quoteIdent(c)).join(', ')} FROM ${quoteTable(table)}`;
  let rows = 0;
  let values = 0;
  for await (const fields of decodeRows(request.db.readQuery(select, `Checking ${name}`, request.signal))) {
    rows++;
    for (const v of fields) if (v !== null) values++;
    const rowNumber = rows;
    tally.addRow(
      scanner.scanRow(name, columns, fields, (hit) => rowKeyOf(names, keyAt, fields, hit, rowNumber)),
    );
  }
  request.progress?.(name, rows);
  return { rows, values };
}
