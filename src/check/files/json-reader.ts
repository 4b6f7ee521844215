/**
 * Reads JSON exports: JSON lines (one document per line) and JSON documents, streamed. A document
 * is split into records without being held whole: the elements of a top-level array, or of an
 * array under a top-level key (`{"applicants": […]}`, a table of its own), and any other top-level
 * value as one record. A record that is an object becomes a row with a column per key (nested
 * values as JSON, read to their leaves by the scanner).
 */
import type { ScanColumn } from '../matching/row-scanner.js';
import type { LineBatch } from './file-lines.js';
import { type FileRowSink, fileColumn } from './file-row-sink.js';

/** Keys beyond this many in one table go together into one JSON column: rows of any shape stay bounded. */
const MOST_COLUMNS = 256;
const OTHER_KEYS = '(other keys)';

/** Puts JSON records into a table, adding a column for each key not seen before. */
class JsonTable {
  readonly #sink: FileRowSink;
  readonly #name: string;
  readonly #numberedAs: 'line' | 'row';
  readonly #at = new Map<string, number>();
  #started = false;
  rows = 0;

  constructor(sink: FileRowSink, name: string, numberedAs: 'line' | 'row') {
    this.#sink = sink;
    this.#name = name;
    this.#numberedAs = numberedAs;
  }

  add(record: unknown, number: number): void {
    if (!this.#started || this.#sink.table !== this.#name) {
      this.#sink.startTable(this.#name, this.#columns(), this.#numberedAs);
      this.#started = true;
    }
    const entries: [string, unknown][] =
      record !== null && typeof record === 'object' && !Array.isArray(record)
        ? Object.entries(record)
        : [['value', record]];
    const more: ScanColumn[] = [];
    const values: (string | null)[] = [];
    const other: Record<string, unknown> = {};
    for (const [key, value] of entries) {
      let at = this.#at.get(key);
      if (at === undefined && this.#at.size < MOST_COLUMNS) {
        at = this.#at.size;
        this.#at.set(key, at);
        more.push(fileColumn(key, isNested(value) ? 'json' : 'text'));
      }
      if (at === undefined) other[key] = value;
      else values[at] = textOf(value);
    }
    if (Object.keys(other).length > 0) {
      let at = this.#at.get(OTHER_KEYS);
      if (at === undefined) {
        at = this.#at.size;
        this.#at.set(OTHER_KEYS, at);
        more.push(fileColumn(OTHER_KEYS, 'json'));
      }
      values[at] = JSON.stringify(other);
    }
    this.#sink.extend(more);
    const row = Array.from({ length: this.#at.size }, (_, i) => values[i] ?? null);
    this.#sink.addRow(row, number);
    this.rows++;
  }

  #columns(): ScanColumn[] {
    return [...this.#at.keys()].map((k) => fileColumn(k, 'text'));
  }
}

const isNested = (v: unknown) => v !== null && typeof v === 'object';

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (isNested(value)) return JSON.stringify(value);
  return String(value);
}

/** JSON lines: each line a record; a line that is not JSON is read as text. */
export async function readJsonLines(
  batches: AsyncIterable<LineBatch>,
  sink: FileRowSink,
  options: { readonly file: string },
): Promise<void> {
  const table = new JsonTable(sink, options.file, 'line');
  for await (const { first, lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        record = { text: line };
      }
      table.add(record, first + i);
    }
  }
}

/**
 * Splits a streamed JSON document into records: the characters of each are gathered until it
 * closes, then parsed; depth and strings are tracked so brackets inside strings do not count.
 */
export async function readJsonDocument(
  chunks: AsyncIterable<string>,
  sink: FileRowSink,
  options: { readonly file: string },
): Promise<void> {
  const tables = new Map<string, JsonTable>();
  const tableOf = (key: string | null) => {
    const name = key === null ? options.file : `${options.file}#${key}`;
    let t = tables.get(name);
    if (t === undefined) {
      t = new JsonTable(sink, name, 'row');
      tables.set(name, t);
    }
    return t;
  };
  const splitter = new JsonSplitter();
  for await (const chunk of chunks)
    for (const { key, text } of splitter.feed(chunk)) {
      const table = tableOf(key);
      table.add(parsedOrText(text), table.rows + 1);
    }
  const rest = splitter.end();
  if (rest !== null) tableOf(null).add(parsedOrText(rest), 1);
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

/** One record of a document: its text, and the top-level key it is under (null: the top level). */
interface JsonRecord {
  readonly key: string | null;
  readonly text: string;
}

/**
 * Tracks where in the document each character is. Records are values at a record position: the
 * elements of a top-level array; under a top-level object, each key's value, or, when the value
 * is an array, each of its elements.
 */
class JsonSplitter {
  /** Open containers, outermost first: `[` or `{`. */
  readonly #open: string[] = [];
  #inString = false;
  #escape = false;
  /** In the top-level object, before a key's `:`. */
  #expectKey = false;
  #keyChars: string[] | null = null;
  #key: string | null = null;
  /** Characters of the record being gathered (null: none open), and the depth it began at. */
  #record: string[] | null = null;
  #recordDepth = 0;
  /** Text outside any container (a document that is one scalar). */
  #loose = '';

  feed(chunk: string): JsonRecord[] {
    const out: JsonRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.#inString) {
        this.#record?.push(c);
        if (this.#escape) this.#escape = false;
        else if (c === '\\') this.#escape = true;
        else if (c === '"') {
          this.#inString = false;
          if (this.#keyChars !== null) this.#key = decodedKey(this.#keyChars.join(''));
          this.#keyChars = null;
          continue;
        }
        this.#keyChars?.push(c);
        continue;
      }
      const depth = this.#open.length;
      if (this.#record !== null && depth === this.#recordDepth && (c === ',' || c === '}' || c === ']'))
        this.#close(out);
      if (this.#record === null && startsValue(c) && this.#isRecordPosition(depth, c)) {
        this.#record = [];
        this.#recordDepth = depth;
      }
      if (this.#record !== null) this.#record.push(c);
      else if (depth === 0 && c !== '{' && c !== '[') this.#loose += c;
      const inTopObject = depth === 1 && this.#open[0] === '{';
      switch (c) {
        case '"':
          this.#inString = true;
          if (inTopObject && this.#expectKey) this.#keyChars = [];
          break;
        case '{':
        case '[':
          if (depth === 0 && c === '{') this.#expectKey = true;
          this.#open.push(c);
          break;
        case '}':
        case ']':
          this.#open.pop();
          break;
        case ',':
          if (inTopObject) this.#expectKey = true;
          break;
        case ':':
          if (inTopObject) this.#expectKey = false;
          break;
      }
    }
    return out;
  }

  #isRecordPosition(depth: number, c: string): boolean {
    const top = this.#open[0];
    if (top === '[') return depth === 1;
    if (top !== '{') return false;
    if (depth === 1) return !this.#expectKey && c !== '[';
    return depth === 2 && this.#open[1] === '[';
  }

  #close(out: JsonRecord[]): void {
    const text = (this.#record ?? []).join('').trim();
    if (text !== '') out.push({ key: this.#open[0] === '{' ? this.#key : null, text });
    this.#record = null;
  }

  /** The rest of the document: a scalar top level, or a record cut off by the end of the file. */
  end(): string | null {
    const rest = (this.#record !== null ? this.#record.join('') : this.#loose).trim();
    return rest === '' ? null : rest;
  }
}

const startsValue = (c: string) => c === '"' || c === '{' || c === '[' || /[-0-9tfn]/.test(c);

function decodedKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
