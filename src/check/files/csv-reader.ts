/**
 * Reads CSV and TSV exports with a header line (RFC 4180 quoting: a quoted field may hold the
 * delimiter, doubled quotes and line breaks). Columns are named by the header; the header line is
 * scanned as a row too, so a file whose first line is someone's record is not passed over.
 */
import type { LineBatch } from './file-lines.js';
import { type FileRowSink, fileColumn } from './file-row-sink.js';

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter a header line uses most, outside quotes (`,` when it has none). */
export function sniffDelimiter(header: string): string {
  let best = ',';
  let most = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    let n = 0;
    let quoted = false;
    for (const c of header) {
      if (c === '"') quoted = !quoted;
      else if (c === d && !quoted) n++;
    }
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

/** Splits CSV records out of lines; a record may continue over the next lines inside quotes. */
class CsvRecords {
  readonly #delimiter: string;
  #fields: string[] = [];
  #field = '';
  #quoted = false;
  /** The line the record being read began on. */
  start = 0;

  /** Whether a quoted field goes on over the next line. */
  get inQuotes(): boolean {
    return this.#quoted;
  }

  constructor(delimiter: string) {
    this.#delimiter = delimiter;
  }

  /** Reads one line; returns the record when it is complete, null while inside quotes. */
  line(text: string, number: number): string[] | null {
    if (!this.#quoted) this.start = number;
    else this.#field += '\n';
    const d = this.#delimiter;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.#quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            this.#field += '"';
            i++;
          } else this.#quoted = false;
        } else this.#field += c;
      } else if (c === '"') this.#quoted = true;
      else if (c === d) {
        this.#fields.push(this.#field);
        this.#field = '';
      } else this.#field += c;
    }
    if (this.#quoted) return null;
    this.#fields.push(this.#field);
    const record = this.#fields;
    this.#fields = [];
    this.#field = '';
    return record;
  }

  /** What is left unfinished at the end of the file (an unclosed quote): read as it is. */
  rest(): string[] | null {
    if (!this.#quoted) return null;
    this.#fields.push(this.#field);
    return this.#fields;
  }
}

export async function readCsv(
  batches: AsyncIterable<LineBatch>,
  sink: FileRowSink,
  options: { readonly file: string; readonly delimiter?: string },
): Promise<void> {
  let records: CsvRecords | null = null;
  const add = (record: string[], number: number) => {
    if (record.length > sink.columns.length) sink.widen(record.length);
    sink.addRow(
      record.map((v) => (v === '' ? null : v)),
      number,
    );
  };
  for await (const { first, lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const number = first + i;
      if (records === null) {
        if (line.trim() === '') continue;
        records = new CsvRecords(options.delimiter ?? sniffDelimiter(line));
        const header = records.line(line, number);
        if (header === null) continue; // a header with a line break inside quotes: read on
        sink.startTable(options.file, headerColumns(header), 'line');
        add(header, number);
        continue;
      }
      if (line === '' && sink.columns.length > 0 && !records.inQuotes) continue;
      const record = records.line(line, number);
      if (record === null) continue;
      if (sink.table === null) {
        sink.startTable(options.file, headerColumns(record), 'line');
      }
      add(record, records.start);
    }
  }
  const rest = records?.rest();
  if (rest !== null && rest !== undefined && records !== null) {
    if (sink.table === null) sink.startTable(options.file, headerColumns(rest), 'line');
    add(rest, records.start);
  }
}

/** Columns named by the header; an empty or repeated name becomes `column N`. */
function headerColumns(header: readonly string[]) {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const name = raw.trim();
    const unique = name === '' || seen.has(name) ? `column ${i + 1}` : name;
    seen.add(unique);
    return fileColumn(unique);
  });
}
