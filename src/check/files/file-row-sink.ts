/**
 * Where the file readers put the rows they find, each scanned as it comes, like a row of a
 * database table (`scan-chunk.ts`). Only findings leave; the row is not kept.
 */
import { decodeField } from '../../adapters/copy-text.js';
import { LeakproofError } from '../../errors.js';
import type { RowScanner, ScanColumn, TracedFinding } from '../matching/row-scanner.js';
import { scanFields } from '../scanning/scan-chunk.js';
import type { StreamedTable } from '../scanning/stream-check-protocol.js';

/** A column of a file as the scanner reads it: nobody's transform wrote it, its words may be names. */
export function fileColumn(
  name: string,
  category: ScanColumn['shape']['category'] = 'text',
  options: { isArray?: boolean; surrogateKey?: boolean } = {},
): ScanColumn {
  return {
    name,
    shape: { category, isArray: options.isArray === true },
    produced: false,
    nameWords: true,
    transform: null,
    acknowledged: false,
    surrogateKey: options.surrogateKey === true,
  };
}

export class FileRowSink {
  readonly #scanner: RowScanner;
  readonly #found: (findings: TracedFinding[]) => void;
  #table: { readonly streamed: StreamedTable; readonly names: readonly string[] } | null = null;
  /** Tables started (a table restarted with more columns counts once). */
  readonly tables = new Set<string>();
  rows = 0;
  values = 0;

  /** `found`: the findings of one row at a time. */
  constructor(scanner: RowScanner, found: (findings: TracedFinding[]) => void) {
    this.#scanner = scanner;
    this.#found = found;
  }

  /** The table the next rows belong to: named in findings as it is here (`file#schema.table`). */
  startTable(table: string, columns: readonly ScanColumn[], numberedAs: 'line' | 'row'): void {
    this.#table = { streamed: { table, columns, keyAt: [], numberedAs }, names: columns.map((c) => c.name) };
    this.tables.add(table);
  }

  /** The columns of the current table (readers that learn columns as they go extend them). */
  get columns(): readonly ScanColumn[] {
    return this.#table?.streamed.columns ?? [];
  }

  /** The current table's name, null before the first. */
  get table(): string | null {
    return this.#table?.streamed.table ?? null;
  }

  /** The current table again, with `more` columns added after its own (a row with new keys). */
  extend(more: readonly ScanColumn[]): void {
    const table = this.#table?.streamed;
    if (table === undefined || more.length === 0) return;
    this.startTable(table.table, [...table.columns, ...more], table.numberedAs ?? 'row');
  }

  /** The current table with unnamed columns (`column 7`) up to `count`. */
  widen(count: number): void {
    const known = this.columns.length;
    this.extend(Array.from({ length: count - known }, (_, i) => fileColumn(`column ${known + i + 1}`)));
  }

  /** One row in COPY text (a dump's COPY block); `number`: its line (or row) number, as findings name it. */
  addLine(line: string, number: number): void {
    this.addRow(line.split('\t').map(decodeField), number);
  }

  /** One row of values, in the current table's column order. */
  addRow(values: readonly (string | null)[], number: number): void {
    const table = this.#table;
    // Never dropped unread: a reader's row before its table is a bug, not a row to pass over.
    if (table === null) throw new LeakproofError('LP_INTERNAL', 'A file reader gave a row before its table.');
    this.rows++;
    this.values += scanFields(this.#scanner, table.streamed, table.names, values, number, this.#found);
  }
}
