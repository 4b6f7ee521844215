/**
 * What a file is, told from its first bytes (after gunzip) and then its name: a dump, an export,
 * text, or binary. The content decides where it can — a `.txt` that is a pg_dump is read as one —
 * since handed-over files are often misnamed.
 */
import { isUtf8 } from 'node:buffer';
import { extname } from 'node:path';

/** What a file is read as; `binary`: the texts a binary file holds (a PDF, a zip), found by `binaryTexts`. */
export type FileFormat =
  | 'pg-plain'
  | 'pg-custom'
  | 'mysqldump'
  | 'csv'
  | 'tsv'
  | 'json'
  | 'jsonl'
  | 'text'
  | 'binary';

const PG_CUSTOM_MAGIC = 'PGDMP';
const mysqlMarks = /^-- (?:MySQL|MariaDB) dump|^\/\*!\d{5} SET /m;
const postgresMarks =
  /^-- PostgreSQL database dump|^COPY \S.* FROM stdin;$|^SET (?:client_encoding|standard_conforming_strings) =/m;
const sqlStatements = /^(?:INSERT\s+INTO|CREATE\s+TABLE)\b/im;

/** The name's extension without `.gz` (`people.csv.gz` → `.csv`). */
function extensionOf(path: string): string {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  return extname(name);
}

/** Whether the head is text: valid UTF-8 (a character cut at its end aside), no NUL bytes. */
function isText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  for (let cut = 0; cut <= 3 && cut < head.length; cut++)
    if (isUtf8(head.subarray(0, head.length - cut))) return true;
  return head.length === 0;
}

/** A JSON lines file: its first line a whole JSON object or array, and the next line another. */
function looksLikeJsonLines(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  try {
    const first = JSON.parse(lines[0]!) as unknown;
    return first !== null && typeof first === 'object' && /^\s*[[{]/.test(lines[1]!);
  } catch {
    return false;
  }
}

/** `head`: the first bytes of the content (gunzipped). */
export function formatOf(path: string, head: Buffer): FileFormat {
  if (head.subarray(0, PG_CUSTOM_MAGIC.length).toString('latin1') === PG_CUSTOM_MAGIC) return 'pg-custom';
  if (!isText(head)) return 'binary';
  const text = head.toString('utf8');
  if (mysqlMarks.test(text)) return 'mysqldump';
  if (postgresMarks.test(text)) return 'pg-plain';
  const ext = extensionOf(path);
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') return looksLikeJsonLines(text) ? 'jsonl' : 'json';
  if (sqlStatements.test(text)) return text.includes('`') ? 'mysqldump' : 'pg-plain';
  return 'text';
}
