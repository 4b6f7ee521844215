/**
 * Reads every value of every table of a database — every schema, kept columns too — and holds it
 * against the fingerprints with the row scanner. Used by `copy` (on its own target, before it is
 * released), `verify` and the breach `scan`. Only findings leave; values stay in the loop.
 */
import type { DatabaseAdapter } from '../../adapters/adapter.js';
import { countLines } from '../../adapters/copy-text.js';
import { LeakproofError } from '../../errors.js';
import { qualifiedName, type TableModel } from '../../schema/model.js';
// Loads the name lists the row scanner asks about (`knownNames`).
import '../../transforms/names.js';
import type { Keyed } from '../../core/keyed.js';
import type { FingerprintIndex } from '../fingerprints/fingerprint-index.js';
import { FindingTally } from '../matching/finding-tally.js';
import { RowScanner, type ScanColumn } from '../matching/row-scanner.js';
import { scanChunk } from './scan-chunk.js';
import { StreamCheck, type StreamCheckOutcome } from './stream-check.js';
import { matchTable } from './table-match.js';
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
  /** Tables not to read (the watchdog's tables unchanged since a clean scan); counted in `skipped`. */
  readonly skipTable?: (table: TableModel) => boolean;
  /** Findings go here; default: a new tally. */
  readonly tally?: FindingTally;
  /**
   * The key of the fingerprints: given, every other chunk of each table is scanned on a worker
   * thread, so the scan uses two cores (`verify`, `scan`).
   */
  readonly keyed?: Keyed;
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
  /** Tables `skipTable` left unread. */
  readonly skipped: number;
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
  const withColumns = (request.skipTables ? [] : schema.tables).filter((t) => t.columns.length > 0);
  const tables = withColumns.filter((t) => request.skipTable?.(t) !== true);
  const helper =
    request.keyed === undefined || tables.length === 0
      ? null
      : new StreamCheck(request.index, request.keyed, { detectors: request.detectors }, tally);
  let rows = 0;
  let values = streamed?.values ?? 0;
  try {
    for (const table of tables) {
      const streamedRows = streamed === undefined ? undefined : streamedRowsOf(streamed, table);
      if (streamedRows !== undefined) {
        await confirmRowCount(request.db, table, streamedRows);
        rows += streamedRows;
        continue;
      }
      const counted = await scanTable(request, scanner, tally, table, helper);
      rows += counted.rows;
      values += counted.values;
    }
    if (helper !== null) values += (await helper.finish()).values;
  } finally {
    await helper?.close();
  }
  return {
    tally,
    tables: schema.tables.length,
    skipped: withColumns.length - tables.length,
    rows,
    values,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

/** The rows the stream checked for a target table, found as `matchTable` finds it. */
function streamedRowsOf(streamed: StreamCheckOutcome, table: TableModel): number | undefined {
  const name = matchTable(new Set(streamed.rows.keys()), table);
  return name === undefined ? undefined : streamed.rows.get(name);
}

/** A streamed table must hold exactly the rows the check saw on their way in. */
async function confirmRowCount(db: DatabaseAdapter, table: TableModel, checked: number): Promise<void> {
  const held = await db.countRows(table);
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
  const keyColumns = new Set([
    ...(table.primaryKey?.columns ?? []),
    ...table.foreignKeys.flatMap((fk) => fk.columns),
  ]);
  return columns.map((columnName) => {
    const c = table.columns.find((x) => x.name === columnName);
    if (c === undefined) throw new LeakproofError('LP_INTERNAL', `${name} has no column ${columnName}.`);
    const { transform, acknowledged } = writtenBy?.(table, c.name) ?? {
      transform: null,
      acknowledged: false,
    };
    return {
      name: c.name,
      shape: { category: c.category, isArray: c.isArray },
      // A generated column is computed by the target from copied columns, which are scanned themselves.
      produced: c.generatedExpr !== null || transform !== null,
      // Words of a generated fake (a fake city, a fake code) are no one's name; free text may hold names.
      nameWords: [null, 'scrub', 'json'].includes(transform),
      transform,
      acknowledged,
      surrogateKey: transform === null && c.category === 'integer' && !c.isArray && keyColumns.has(c.name),
    };
  });
}

/** Positions of the primary key's columns among `columns`; empty when a key column is missing. */
export function keyPositions(table: TableModel, columns: readonly string[]): number[] {
  const at = (table.primaryKey?.columns ?? []).map((k) => columns.indexOf(k));
  return at.includes(-1) ? [] : at;
}

/**
 * Reads one table and scans its rows; with a `helper`, every other chunk goes to its worker thread
 * instead (its values are counted there), each with the number of its first row.
 */
async function scanTable(
  request: ScanRequest,
  scanner: RowScanner,
  tally: FindingTally,
  table: TableModel,
  helper: StreamCheck | null,
): Promise<{ rows: number; values: number }> {
  const name = qualifiedName(table);
  const names = table.columns.map((c) => c.name);
  const columns = scanColumnsOf(table, names, request.writtenBy);
  const keyAt = keyPositions(table, names);
  const streamed = { table: name, columns, keyAt };
  helper?.startTable(streamed);
  let rows = 0;
  let values = 0;
  let chunkNumber = 0;
  for await (const chunk of request.db.readLinked(
    { table, columns: names },
    `Checking ${name}`,
    request.signal,
  )) {
    if (helper !== null && chunkNumber++ % 2 === 1) {
      await helper.send(chunk, rows + 1);
      rows += countLines(chunk);
      continue;
    }
    const read = scanChunk(scanner, streamed, chunk, rows + 1, (findings) => tally.addRow(findings));
    rows += read.rows;
    values += read.values;
  }
  request.progress?.(name, rows);
  return { rows, values };
}
