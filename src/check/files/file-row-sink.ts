/**
 * Where the file readers put the rows they find: each row as a COPY text line, batched and
 * scanned like a database table's chunk (`scan-chunk.ts`). Only findings leave; the rows stay in
 * the batch.
 */
import { encodeRow } from '../../adapters/copy-text.js';
import type { RowScanner, ScanColumn, TracedFinding } from '../matching/row-scanner.js';
import { scanChunk } from '../scanning/scan-chunk.js';
import type { StreamedTable } from '../scanning/stream-check-protocol.js';

/** A batch is scanned when it holds this many characters (small: see `READ_BYTES` in file-lines.ts). */
const BATCH_CHARS = 64 * 1024;

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
  #table: StreamedTable | null = null;
  #lines: string[] = [];
  #chars = 0;
  #first = 0;
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
    this.flush();
    this.#table = { table, columns, keyAt: [], numberedAs };
    this.tables.add(table);
  }

  /** The columns of the current table (readers that learn columns as they go extend them). */
  get columns(): readonly ScanColumn[] {
    return this.#table?.columns ?? [];
  }

  /** The current table's name, null before the first. */
  get table(): string | null {
    return this.#table?.table ?? null;
  }

  /** The current table again, with `more` columns added after its own (a row with new keys). */
  extend(more: readonly ScanColumn[]): void {
    const table = this.#table;
    if (table === null || more.length === 0) return;
    this.startTable(table.table, [...table.columns, ...more], table.numberedAs ?? 'row');
  }

  /** The current table with unnamed columns (`column 7`) up to `count`. */
  widen(count: number): void {
    const known = this.columns.length;
    this.extend(Array.from({ length: count - known }, (_, i) => fileColumn(`column ${known + i + 1}`)));
  }

  /** One row, already in COPY text; `number`: its line (or row) number, as findings name it. */
  addLine(line: string, number: number): void {
    if (this.#lines.length > 0 && number !== this.#first + this.#lines.length) this.flush();
    if (this.#lines.length === 0) this.#first = number;
    this.#lines.push(line);
    this.#chars += line.length;
    if (this.#chars >= BATCH_CHARS) this.flush();
  }

  /** One row of values, in the current table's column order. */
  addRow(values: readonly (string | null)[], number: number): void {
    this.addLine(encodeRow(values), number);
  }

  /** Scans what is batched. */
  flush(): void {
    const table = this.#table;
    if (table === null || this.#lines.length === 0) return;
    const chunk = Buffer.from(`${this.#lines.join('\n')}\n`, 'utf8');
    const first = this.#first;
    this.rows += this.#lines.length;
    this.#lines = [];
    this.#chars = 0;
    const read = scanChunk(this.#scanner, table, chunk, first, this.#found);
    this.values += read.values;
  }
}
