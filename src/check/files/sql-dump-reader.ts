/**
 * Reads a SQL dump — pg_dump's plain format or mysqldump's — for its rows: `COPY … FROM stdin`
 * blocks (rows already in COPY text, handed on as they are) and `INSERT … VALUES` statements,
 * with the column names and types of the `CREATE TABLE` before them. The rest of the dump (DDL,
 * comments, settings) holds no rows and is passed over.
 */
import type { ScanColumn } from '../matching/row-scanner.js';
import type { LineBatch } from './file-lines.js';
import { type FileRowSink, fileColumn } from './file-row-sink.js';
import { type SqlDialect, type SqlValue, SqlValuesReader } from './sql-values.js';

export interface SqlDumpOptions {
  /** How tables are named in findings: `file#schema.table`. */
  readonly file: string;
  readonly dialect: SqlDialect;
  /**
   * Name rows by their line in the file (`line 17`); false when the lines are not the file's (a
   * custom-format dump read through pg_restore): rows are then numbered in their table (`row 17`).
   */
  readonly lineNumbers: boolean;
}

const identifier = String.raw`(?:"(?:[^"]|"")*"|\x60(?:[^\x60]|\x60\x60)*\x60|[^\s.(,;"\x60]+)`;
const qualified = String.raw`${identifier}(?:\.${identifier}){0,2}`;
// Patterns (case-insensitive), written in lower case so that nothing reads them as SQL Leakproof runs.
const copyHeader = new RegExp(String.raw`^copy\s+(${qualified})\s*(?:\(([^]*?)\))?\s+from\s+stdin`, 'i');
const insertHeader = new RegExp(
  String.raw`^(?:insert|replace)\s+(?:ignore\s+)?into\s+(${qualified})\s*(?:\(([^]*?)\))?\s*(?:overriding\s+\w+\s+value\s+)?values\s*`,
  'i',
);
const createHeader = new RegExp(
  String.raw`^create\s+(?:unlogged\s+|temporary\s+)?table\s+(?:if\s+not\s+exists\s+)?(${qualified})\s*\(\s*$`,
  'i',
);
const useDatabase = /^USE\s+(`(?:[^`]|``)*`|\w+)\s*;/i;
/** Lines of a CREATE TABLE body that are not columns. */
const notAColumn =
  /^(?:CONSTRAINT|PRIMARY|UNIQUE|KEY|INDEX|FULLTEXT|SPATIAL|FOREIGN|CHECK|EXCLUDE|LIKE|PERIOD)\b/i;

/** An identifier without its quotes. */
function unquote(name: string): string {
  const q = name[0];
  if ((q === '"' || q === '`') && name.endsWith(q)) return name.slice(1, -1).replaceAll(q + q, q);
  return name;
}

/** `public."Applicant"` → `public.Applicant`. */
function tableName(text: string): string {
  return (text.match(new RegExp(identifier, 'g')) ?? []).map(unquote).join('.');
}

/** The names in a column list (`a, "B c", \`d\``). */
function columnNames(list: string): string[] {
  return (list.match(new RegExp(identifier, 'g')) ?? []).map(unquote);
}

/** How the scanner reads a column of this declared type. */
function columnOfType(name: string, type: string): ScanColumn {
  const t = type.trim().toLowerCase();
  const isArray = /\[\]/.test(t) || t.startsWith('_');
  if (/^jsonb?\b/.test(t)) return fileColumn(name, 'json', { isArray });
  if (/^bytea\b/.test(t) || /^(?:tiny|medium|long)?blob\b|^(?:var)?binary\b/.test(t))
    return fileColumn(name, 'bytea', { isArray });
  if (/^(?:small|big|tiny|medium)?int(?:eger|\d)?\b|^(?:small|big)?serial\b/.test(t))
    // A whole-number `id` or `…_id`: a key the system counts, as a database's key columns are read.
    return fileColumn(name, 'integer', { isArray, surrogateKey: !isArray && /(?:^|_)id$/i.test(name) });
  return fileColumn(name, 'text', { isArray });
}

/** A column line of a CREATE TABLE body (`    name character varying(80) NOT NULL,`), or null. */
function columnDefinition(line: string): ScanColumn | null {
  const text = line.trim();
  if (text === '' || notAColumn.test(text) || text.startsWith('--')) return null;
  const m = text.match(new RegExp(String.raw`^(${identifier})\s+(.*)$`));
  if (m === null) return null;
  return columnOfType(unquote(m[1]!), m[2]!);
}

interface Reading {
  copy: { readonly table: string } | null;
  insert: { readonly reader: SqlValuesReader } | null;
  create: { readonly table: string; readonly columns: ScanColumn[] } | null;
  database: string | null;
  /** Rows numbered per table (`row N`), when lines are not the file's. */
  readonly rowsOf: Map<string, number>;
}

export async function readSqlDump(
  batches: AsyncIterable<LineBatch>,
  sink: FileRowSink,
  options: SqlDumpOptions,
): Promise<void> {
  const declared = new Map<string, ScanColumn[]>();
  const state: Reading = { copy: null, insert: null, create: null, database: null, rowsOf: new Map() };
  const nextRow = (table: string) => {
    const n = (state.rowsOf.get(table) ?? 0) + 1;
    state.rowsOf.set(table, n);
    return n;
  };
  const findingName = (table: string) => `${options.file}#${table}`;
  let tuples: SqlValue[][] = [];

  for await (const { first, lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const number = first + i;
      if (state.copy !== null) {
        if (line === '\\.') {
          state.copy = null;
          continue;
        }
        const at = options.lineNumbers ? number : nextRow(state.copy.table);
        sink.addLine(line, at);
        continue;
      }
      if (state.insert !== null) {
        state.insert.reader.feed(`${line}\n`);
        tuples = addTuples(sink, tuples, nextRow);
        if (state.insert.reader.ended) state.insert = null;
        continue;
      }
      if (state.create !== null) {
        if (line.trimStart().startsWith(')')) {
          declared.set(state.create.table, state.create.columns);
          state.create = null;
        } else {
          const column = columnDefinition(line);
          if (column !== null) state.create.columns.push(column);
        }
        continue;
      }
      const copy = line.match(copyHeader);
      if (copy !== null) {
        const table = qualify(tableName(copy[1]!), state.database);
        // Fresh column objects per table: the scanner's memos are per column object, and die with them.
        const columns = copyColumns(copy[2], declared.get(table), lines[i + 1]).map((c) => ({ ...c }));
        sink.startTable(findingName(table), columns, options.lineNumbers ? 'line' : 'row');
        state.copy = { table };
        continue;
      }
      const insert = line.match(insertHeader);
      if (insert !== null) {
        const table = qualify(tableName(insert[1]!), state.database);
        const listed = insert[2] === undefined ? undefined : columnNames(insert[2]);
        startInsertTable(sink, findingName(table), listed, declared.get(table));
        const reader = new SqlValuesReader(options.dialect, (values) => tuples.push(values));
        state.insert = { reader };
        reader.feed(`${line.slice(insert[0].length)}\n`);
        tuples = addTuples(sink, tuples, nextRow);
        if (reader.ended) state.insert = null;
        continue;
      }
      const create = line.match(createHeader);
      if (create !== null) {
        state.create = { table: qualify(tableName(create[1]!), state.database), columns: [] };
        continue;
      }
      const use = line.match(useDatabase);
      if (use !== null) state.database = unquote(use[1]!);
    }
  }
}

/** A mysqldump table is named with its database (`USE`), a pg_dump one has its schema already. */
function qualify(table: string, database: string | null): string {
  return database === null || table.includes('.') ? table : `${database}.${table}`;
}

/** COPY's own column list, else the CREATE TABLE's, else as many unnamed columns as the first row has. */
function copyColumns(
  list: string | undefined,
  declared: ScanColumn[] | undefined,
  firstRow: string | undefined,
): ScanColumn[] {
  if (list !== undefined) {
    const byName = new Map((declared ?? []).map((c) => [c.name, c]));
    return columnNames(list).map((name) => byName.get(name) ?? fileColumn(name));
  }
  if (declared !== undefined) return declared;
  const count = firstRow === undefined || firstRow === '\\.' ? 1 : firstRow.split('\t').length;
  return Array.from({ length: count }, (_, i) => fileColumn(`column ${i + 1}`));
}

/** An INSERT's rows are numbered in their table (`row 17`): one line may hold thousands of them. */
function startInsertTable(
  sink: FileRowSink,
  table: string,
  listed: string[] | undefined,
  declared: ScanColumn[] | undefined,
): void {
  const byName = new Map((declared ?? []).map((c) => [c.name, c]));
  const columns = (
    listed === undefined ? (declared ?? []) : listed.map((name) => byName.get(name) ?? fileColumn(name))
  ).map((c) => ({ ...c }));
  if (sink.table !== table || !sameColumns(sink.columns, columns)) sink.startTable(table, columns, 'row');
}

const sameColumns = (a: readonly ScanColumn[], b: readonly ScanColumn[]) =>
  a.length === b.length && a.every((c, i) => c.name === b[i]!.name);

/** Hands the tuples read so far to the sink; returns the empty list for the next ones. */
function addTuples(
  sink: FileRowSink,
  tuples: SqlValue[][],
  nextRow: (table: string) => number,
): SqlValue[][] {
  for (const values of tuples) {
    // A row longer than the columns known (no CREATE TABLE before it): unnamed columns are added.
    if (values.length > sink.columns.length) sink.widen(values.length);
    sink.addRow(values, nextRow(sink.table ?? ''));
  }
  return [];
}
