/**
 * Where the file readers put the rows they find: each row as a COPY text line, batched and
 * scanned like a database table's chunks, by turns on the leak check's worker threads, so a file
 * scan uses both cores while this thread reads and parses (and its own garbage stays short-lived).
 * Without workers, batches are scanned here. Only findings leave; the rows stay in the batch.
 */
import { encodeRow } from '../../adapters/copy-text.js';
import type { FindingTally } from '../matching/finding-tally.js';
import type { RowScanner, ScanColumn } from '../matching/row-scanner.js';
import { scanChunk } from '../scanning/scan-chunk.js';
import type { StreamCheck, StreamedTable } from '../scanning/stream-check.js';

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
  readonly #tally: FindingTally;
  readonly #helpers: readonly StreamCheck[];
  #table: StreamedTable | null = null;
  #lines: string[] = [];
  #chars = 0;
  #first = 0;
  #batches = 0;
  /** Tables started (a table restarted with more columns counts once). */
  readonly tables = new Set<string>();
  rows = 0;
  values = 0;

  constructor(scanner: RowScanner, tally: FindingTally, helpers: readonly StreamCheck[]) {
    this.#scanner = scanner;
    this.#tally = tally;
    this.#helpers = helpers;
  }

  /** The table the next rows belong to: named in findings as it is here (`file#schema.table`). */
  async startTable(table: string, columns: readonly ScanColumn[], numberedAs: 'line' | 'row'): Promise<void> {
    await this.flush();
    this.#table = { table, columns, keyAt: [], numberedAs };
    this.tables.add(table);
    for (const helper of this.#helpers) helper.startTable(this.#table);
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
  async extend(more: readonly ScanColumn[]): Promise<void> {
    const table = this.#table;
    if (table === null || more.length === 0) return;
    await this.startTable(table.table, [...table.columns, ...more], table.numberedAs ?? 'row');
  }

  /** The current table with unnamed columns (`column 7`) up to `count`. */
  widen(count: number): Promise<void> {
    const known = this.columns.length;
    return this.extend(
      Array.from({ length: count - known }, (_, i) => fileColumn(`column ${known + i + 1}`)),
    );
  }

  /** One row, already in COPY text; `number`: its line (or row) number, as findings name it. */
  async addLine(line: string, number: number): Promise<void> {
    if (this.#lines.length > 0 && number !== this.#first + this.#lines.length) await this.flush();
    if (this.#lines.length === 0) this.#first = number;
    this.#lines.push(line);
    this.#chars += line.length;
    if (this.#chars >= BATCH_CHARS) await this.flush();
  }

  /** One row of values, in the current table's column order. */
  addRow(values: readonly (string | null)[], number: number): Promise<void> {
    return this.addLine(encodeRow(values), number);
  }

  /** Scans what is batched: here, or every other batch on the worker thread. */
  async flush(): Promise<void> {
    const table = this.#table;
    if (table === null || this.#lines.length === 0) return;
    const chunk = Buffer.from(`${this.#lines.join('\n')}\n`, 'utf8');
    const first = this.#first;
    this.rows += this.#lines.length;
    this.#lines = [];
    this.#chars = 0;
    if (this.#helpers.length > 0) {
      await this.#helpers[this.#batches++ % this.#helpers.length]!.send(chunk, first);
      return;
    }
    const read = scanChunk(this.#scanner, table, chunk, first, (findings) => this.#tally.addRow(findings));
    this.values += read.values;
  }
}
