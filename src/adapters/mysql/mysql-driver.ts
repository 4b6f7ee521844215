/**
 * The MySQL/MariaDB connection (mysql2): session settings, statements, rows streamed out as COPY
 * text and streamed in through LOAD DATA LOCAL INFILE (or multi-row INSERTs where the server
 * forbids local files), and errors without row values.
 */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import mysql from 'mysql2';
import { LeakproofError } from '../../errors.js';
import { decodeRows, encodeRow } from '../copy-text.js';
import { quoteIdent } from './mysql-dialect.js';

export type Connection = mysql.Connection;

/**
 * UTC, utf8mb4, and a sql_mode of our own whatever the server's: strict, but without
 * NO_ZERO_DATE/NO_ZERO_IN_DATE (zero dates copy as they are), ANSI_QUOTES (names are backquoted)
 * or NO_BACKSLASH_ESCAPES (literals and mysql2's placeholders escape with backslashes). Long net
 * timeouts: a read the consumer pauses, or a load waiting for its rows, must not be cut at 60 s.
 */
const sessionSql = [
  'SET NAMES utf8mb4',
  "SET SESSION time_zone = '+00:00'",
  "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'",
  'SET SESSION net_write_timeout = 3600',
  'SET SESSION net_read_timeout = 3600',
].join(';\n');

export function connectionOptions(url: URL): mysql.ConnectionOptions {
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    charset: 'utf8mb4_general_ci',
    multipleStatements: true,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectTimeout: 10_000,
  };
}

export async function connect(url: URL): Promise<Connection> {
  const conn = mysql.createConnection(connectionOptions(url));
  // A dropped connection emits 'error'; without a listener Node would end the process.
  conn.on('error', () => {});
  await new Promise<void>((resolve, reject) => conn.connect((e) => (e ? reject(e) : resolve())));
  await run(conn, sessionSql);
  // MySQL 8 caches information_schema's AUTO_INCREMENT and row counts for a day; MariaDB has no such cache.
  await run(conn, 'SET SESSION information_schema_stats_expiry = 0').catch(() => {});
  return conn;
}

/** One statement (or several), its rows, or its OK packet. */
export function run<T = unknown>(conn: Connection, sql: string, params?: readonly unknown[]): Promise<T> {
  return new Promise((resolve, reject) =>
    conn.query({ sql, values: params as unknown[] | undefined }, (e, rows) =>
      e ? reject(e) : resolve(rows as T),
    ),
  );
}

/** Words around which MySQL quotes a name, not a value: `for key 'email'`, `column 'bsn'`. */
const namingWord = /(?:key|column|table|constraint|database|index|field|function|view|schema|user)\s*$/i;

/**
 * A driver error as a LeakproofError without the row values MySQL puts in its messages
 * ("Duplicate entry 'jan@x.nl' for key 'email'", "Incorrect integer value: '12a' for column…"):
 * a quoted part stays only when a naming word comes before it; backquoted names stay.
 */
export function redactMysqlError(error: unknown, doing: string): LeakproofError {
  if (error instanceof LeakproofError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const sqlState = typeof e.sqlState === 'string' ? e.sqlState : undefined;
  const errno = typeof e.errno === 'number' ? e.errno : undefined;
  const raw =
    typeof e.sqlMessage === 'string' ? e.sqlMessage : typeof e.message === 'string' ? e.message : '';
  const message = raw.replace(/'(?:[^'\\]|\\.|'')*'/g, (quoted, at: number) =>
    namingWord.test(raw.slice(0, at)) ? quoted : "'…'",
  );
  const socket = code !== undefined && /^E[A-Z]+$/.test(code) && errno === undefined;
  const lost = socket || code === 'PROTOCOL_CONNECTION_LOST' || errno === 1045 || errno === 1044;
  const what = [
    errno === undefined ? undefined : `MySQL error ${errno}`,
    code,
    sqlState ? `SQLSTATE ${sqlState}` : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(', ');
  return new LeakproofError(
    lost || sqlState?.startsWith('08') ? 'LP_CONNECTION' : 'LP_DATABASE',
    `${doing} failed: ${socket ? `the connection to the database was lost (${code})` : message || 'unknown database error'}${what ? ` (${what})` : ''}`,
  );
}

const T = { TIMESTAMP: 7, TIMESTAMP2: 17, BIT: 16, JSON: 245 };
/** Result types whose bytes are bytes when their character set is `binary` (63). */
const byteTypes = new Set([15, 249, 250, 251, 252, 253, 254, 255]);
const BINARY_CHARSET = 63;

type Converter = (raw: Buffer | null) => string | null;

/** How one result column's raw bytes become PostgreSQL's text form of the value. */
export function converterFor(field: mysql.FieldPacket): Converter {
  const type = field.columnType ?? field.type;
  if (type === T.BIT) return (b) => (b === null ? null : BigInt(`0x${b.toString('hex') || '0'}`).toString());
  if (type === T.TIMESTAMP || type === T.TIMESTAMP2)
    // The session is in UTC, so a TIMESTAMP (an instant) reads as PostgreSQL's timestamptz does.
    return (b) =>
      b === null
        ? null
        : b[0] === 0x30 && b.subarray(0, 4).toString() === '0000'
          ? b.toString()
          : `${b.toString()}+00`;
  if (type !== T.JSON && byteTypes.has(type ?? -1) && field.characterSet === BINARY_CHARSET)
    return (b) => (b === null ? null : `\\x${b.toString('hex')}`);
  return (b) => (b === null ? null : b.toString('utf8'));
}

const CHUNK_CHARS = 64 * 1024;

/**
 * Streams a SELECT as COPY text chunks of whole lines. The rows arrive as raw bytes (typeCast off:
 * no JS Dates, no floats that lose digits); the stream pauses the socket while the consumer is
 * behind, so memory stays flat. A read left half-way (the run failed) closes the connection:
 * draining the rest of a large table would take as long as reading it.
 */
export async function* streamSelect(
  conn: Connection,
  sql: string,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  const query = conn.query({ sql, typeCast: false, rowsAsArray: true });
  const stream = query.stream({ highWaterMark: 256 });
  let convert: Converter[] = [];
  stream.on('fields', (fields: mysql.FieldPacket[]) => {
    convert = fields.map(converterFor);
  });
  const abort = () => stream.destroy(new Error('aborted'));
  signal?.addEventListener('abort', abort, { once: true });
  let readToEnd = false;
  try {
    let lines: string[] = [];
    let size = 0;
    for await (const row of stream as AsyncIterable<(Buffer | null)[]>) {
      const line = encodeRow(row.map((v, i) => convert[i]!(v)));
      lines.push(line);
      size += line.length + 1;
      if (size >= CHUNK_CHARS) {
        yield Buffer.from(`${lines.join('\n')}\n`, 'utf8');
        lines = [];
        size = 0;
      }
    }
    signal?.throwIfAborted();
    if (lines.length > 0) yield Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    readToEnd = true;
  } finally {
    signal?.removeEventListener('abort', abort);
    if (!readToEnd) conn.destroy();
  }
}

/** A target column's type, as the writer needs it: how a PostgreSQL text value becomes MySQL's. */
export type WriteKind = 'plain' | 'boolean' | 'binary' | 'bit' | 'datetime';

export function writeKindOf(dataType: string, columnType: string): WriteKind {
  if (dataType === 'tinyint' && /^tinyint\(1\)/.test(columnType)) return 'boolean';
  if (/binary|blob|geometry|point|polygon|linestring/.test(dataType)) return 'binary';
  if (dataType === 'bit') return 'bit';
  if (dataType === 'datetime' || dataType === 'timestamp') return 'datetime';
  return 'plain';
}

const B = { backslash: 0x5c };
const hexDigit = (c: number | undefined) =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
const octDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x37;
/** A decoded byte as LOAD DATA must see it: its own escape for the bytes it treats specially. */
const loadByte = (b: number): Buffer =>
  Buffer.from(
    b === 0x09
      ? '\\t'
      : b === 0x0a
        ? '\\n'
        : b === 0x0d
          ? '\\r'
          : b === 0x5c
            ? '\\\\'
            : b === 0
              ? '\\0'
              : String.fromCharCode(b),
    b < 0x80 || b === 0x5c ? 'utf8' : 'latin1',
  );

/**
 * COPY text → LOAD DATA text. Both escape `\\ \n \r \t \b` and write NULL as `\N`; COPY also has
 * `\f`, `\v`, octal `\ooo` and `\xHH`, which LOAD DATA would read as the letters, and LOAD DATA reads
 * `\Z` as ^Z where COPY means `Z`. Only those are rewritten; a chunk without them is passed as is.
 */
export function toLoadData(chunk: Buffer): Buffer {
  let at = chunk.indexOf(B.backslash);
  if (at === -1) return chunk;
  const parts: Buffer[] = [];
  let start = 0;
  while (at !== -1 && at < chunk.length - 1) {
    const next = chunk[at + 1]!;
    let length = 2;
    let replacement: Buffer | null = null;
    if (next === 0x66) replacement = Buffer.from([0x0c]);
    else if (next === 0x76) replacement = Buffer.from([0x0b]);
    else if (next === 0x5a) replacement = Buffer.from('Z');
    else if (octDigit(next)) {
      while (length < 4 && octDigit(chunk[at + length])) length++;
      replacement = loadByte(Number.parseInt(chunk.subarray(at + 1, at + length).toString(), 8) & 0xff);
    } else if (next === 0x78 && hexDigit(chunk[at + 2])) {
      length = hexDigit(chunk[at + 3]) ? 4 : 3;
      replacement = loadByte(Number.parseInt(chunk.subarray(at + 2, at + length).toString(), 16));
    }
    if (replacement !== null) {
      parts.push(chunk.subarray(start, at), replacement);
      start = at + length;
    }
    at = chunk.indexOf(B.backslash, at + length);
  }
  if (parts.length === 0) return chunk;
  parts.push(chunk.subarray(start));
  return Buffer.concat(parts);
}

/** The SET expression that turns LOAD DATA's user variable into the column's value. */
function loadExpression(kind: WriteKind, v: string): string {
  switch (kind) {
    case 'boolean':
      return `CASE ${v} WHEN 't' THEN 1 WHEN 'true' THEN 1 WHEN 'f' THEN 0 WHEN 'false' THEN 0 ELSE ${v} END`;
    case 'binary':
      // One branch, so the result stays binary (an IF over bytes and text would be text).
      return `UNHEX(IF(LEFT(${v}, 2) = '\\\\x', SUBSTRING(${v}, 3), HEX(${v})))`;
    case 'bit':
      return `CAST(${v} AS UNSIGNED)`;
    case 'datetime':
      return `IF(${v} LIKE '%+00', LEFT(${v}, CHAR_LENGTH(${v}) - 3), IF(${v} LIKE '%+00:00', LEFT(${v}, CHAR_LENGTH(${v}) - 6), ${v}))`;
    default:
      return v;
  }
}

/** Slices of a buffer small enough for one protocol packet each. */
const PACKET_BYTES = 1024 * 1024;

/**
 * Loads COPY text into `table` through LOAD DATA LOCAL INFILE, fed from the chunks as they come.
 * mysql2 writes the file's packets without waiting for the socket, so this waits for it to drain.
 * LOAD DATA LOCAL turns bad values into warnings instead of errors: any warning fails the load.
 */
export async function loadData(
  conn: Connection,
  table: string,
  columns: readonly { name: string; kind: WriteKind }[],
  chunks: AsyncIterable<Buffer>,
): Promise<void> {
  const targets = columns.map((c, i) => (c.kind === 'plain' ? quoteIdent(c.name) : `@lp${i}`));
  const sets = columns.flatMap((c, i) =>
    c.kind === 'plain' ? [] : [`${quoteIdent(c.name)} = ${loadExpression(c.kind, `@lp${i}`)}`],
  );
  const sql =
    `LOAD DATA LOCAL INFILE 'leakproof.tsv' INTO TABLE ${quoteIdent(table)} CHARACTER SET utf8mb4 ` +
    "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' " +
    `(${targets.join(', ')})${sets.length > 0 ? ` SET ${sets.join(', ')}` : ''}`;
  const socket = (conn as unknown as { stream: NodeJS.WritableStream & { writableNeedDrain?: boolean } })
    .stream;
  async function* feed() {
    for await (const chunk of chunks) {
      const converted = toLoadData(chunk);
      for (let at = 0; at < converted.length; at += PACKET_BYTES) {
        if (socket.writableNeedDrain) await once(socket, 'drain');
        yield converted.subarray(at, at + PACKET_BYTES);
      }
    }
  }
  const result = await new Promise<{ warningStatus?: number }>((resolve, reject) =>
    conn.query({ sql, infileStreamFactory: () => Readable.from(feed(), { objectMode: false }) }, (e, r) =>
      e ? reject(e) : resolve(r as { warningStatus?: number }),
    ),
  );
  if ((result.warningStatus ?? 0) > 0) await failOnWarnings(conn);
}

async function failOnWarnings(conn: Connection): Promise<void> {
  const warnings = await run<{ Level: string; Code: number; Message: string }[]>(
    conn,
    'SHOW WARNINGS LIMIT 5',
  );
  const bad = warnings.filter((w) => w.Level !== 'Note');
  if (bad.length === 0) return;
  const first = bad[0]!;
  throw redactMysqlError({ errno: first.Code, sqlMessage: first.Message }, 'Loading rows');
}

/** A PostgreSQL text value as the parameter MySQL stores for a column of this kind. */
function parameter(value: string | null, kind: WriteKind): string | number | Buffer | null {
  if (value === null) return null;
  switch (kind) {
    case 'boolean':
      return value === 't' || value === 'true' ? 1 : value === 'f' || value === 'false' ? 0 : value;
    case 'binary':
      return value.startsWith('\\x') ? Buffer.from(value.slice(2), 'hex') : Buffer.from(value);
    case 'bit':
      return /^\d+$/.test(value) ? Number(value) : value;
    case 'datetime':
      return value.replace(/\+00(:00)?$/, '');
    default:
      return value;
  }
}

const INSERT_BYTES = 1024 * 1024;

/** Where the server forbids LOAD DATA LOCAL: multi-row INSERTs of ~1 MB each. */
export async function insertRows(
  conn: Connection,
  table: string,
  columns: readonly { name: string; kind: WriteKind }[],
  chunks: AsyncIterable<Buffer>,
): Promise<void> {
  const head = `INSERT INTO ${quoteIdent(table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) VALUES `;
  // Values go as parameters (the driver escapes them), never into the statement's text.
  const tuple = `(${columns.map(() => '?').join(',')})`;
  let params: (string | number | Buffer | null)[] = [];
  let rows = 0;
  let size = 0;
  const flush = async () => {
    if (rows === 0) return;
    const sql = head + Array.from({ length: rows }, () => tuple).join(',');
    const values = params;
    params = [];
    rows = 0;
    size = 0;
    await run(conn, sql, values);
  };
  for await (const row of decodeRows(chunks)) {
    row.forEach((v, i) => {
      params.push(parameter(v, columns[i]?.kind ?? 'plain'));
      size += v?.length ?? 4;
    });
    rows++;
    if (size >= INSERT_BYTES) await flush();
  }
  await flush();
}
