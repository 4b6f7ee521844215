/**
 * The breach scan of files: dumps, exports and text, gzipped or not, held against the fingerprints
 * like a database's rows. Folders are read recursively. Each file is told by its content
 * (`file-format.ts`), read as a stream by the reader of its format into numbered rows, and those
 * rows are scanned as a table's are (`file-row-sink.ts`), so memory stays flat on a dump of many
 * gigabytes. A file that cannot be read as what it is stops the scan (a clean verdict over files
 * left unread would be false); a file with nothing to read (binary, opaque) is listed as skipped.
 */

import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Keyed } from '../../core/keyed.js';
import { LeakproofError } from '../../errors.js';
// Loads the name lists the row scanner asks about (`knownNames`).
import '../../transforms/names.js';
import type { FingerprintIndex } from '../fingerprints/fingerprint-index.js';
import { binaryTexts } from '../matching/binary-texts.js';
import type { FindingTally } from '../matching/finding-tally.js';
import { RowScanner } from '../matching/row-scanner.js';
import { StreamCheck } from '../scanning/stream-check.js';
import { readCsv } from './csv-reader.js';
import { type FileFormat, formatOf } from './file-format.js';
import { fileBytes, fileHead, isGzip, linesOf } from './file-lines.js';
import { FileRowSink } from './file-row-sink.js';
import { readJsonDocument, readJsonLines } from './json-reader.js';
import { restoreToText } from './pg-restore.js';
import { readSqlDump } from './sql-dump-reader.js';
import { readText, readTexts } from './text-reader.js';

export type { FileFormat };

export interface FileScanRequest {
  /** Files or folders (read recursively). */
  readonly paths: readonly string[];
  readonly index: FingerprintIndex;
  /** Findings go here. */
  readonly tally: FindingTally;
  /** The key of the fingerprints: given, half the rows are scanned on a worker thread (two cores). */
  readonly keyed?: Keyed;
  /** The PATH to find `pg_restore` on (default: the process's). */
  readonly searchPath?: string;
  readonly progress?: (file: string, rows: number) => void;
  readonly signal?: AbortSignal;
}

export interface ScannedFile {
  readonly path: string;
  readonly format: FileFormat;
  readonly gzip: boolean;
  readonly bytes: number;
  /** When the file was last written (ISO time): a fingerprint file older than this may miss people. */
  readonly modifiedAt: string;
  readonly tables: number;
  readonly rows: number;
}

export interface FileScanOutcome {
  readonly tally: FindingTally;
  readonly files: readonly ScannedFile[];
  /** Files left unread (binary, unknown), each with why: never skipped silently. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  readonly tables: number;
  readonly rows: number;
  readonly values: number;
  readonly seconds: number;
}

/**
 * Worker threads that scan the rows while this thread reads and parses. One: each scanning thread
 * commits about 80 MB of heap however little it holds (measured: two, 320 MB peak on a 40 MB dump
 * at 216,000 values/s; one, 234 MB at 113,000 values/s), and a scan must stay under 300 MB.
 */
const SCAN_THREADS = 1;
/**
 * The worker's old generation: what it holds (the scanner's memos, the name lists) is about 20 MB
 * on a narrow table; the limit makes it collect its garbage sooner, with room for wide tables.
 */
const WORKER_HEAP_MB = 256;

/** Binary files up to this size are searched for the texts they hold (a PDF, a zip of documents). */
const LARGEST_BINARY = 64 * 1024 * 1024;

/** A file to read: a file, or a directory-format dump (a folder with `toc.dat`), read as one. */
interface FileToScan {
  readonly path: string;
  readonly stats: Stats;
  readonly dumpDirectory: boolean;
}

type Skipped = { path: string; reason: string };

function unreadable(path: string, why: string): LeakproofError {
  return new LeakproofError('LP_FILE_UNREADABLE', `Cannot read ${path}: ${why}.`);
}

async function statOf(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw unreadable(path, code === 'ENOENT' ? 'no such file or folder' : `${code ?? 'error'}`);
  }
}

/** The files under the paths given, in name order; what is not a file or folder is skipped. */
async function filesUnder(paths: readonly string[], skipped: Skipped[]): Promise<FileToScan[]> {
  const found: FileToScan[] = [];
  const seen = new Set<string>();
  const visit = async (path: string, stats: Stats): Promise<void> => {
    if (seen.has(`${stats.dev}:${stats.ino}`)) {
      skipped.push({ path, reason: 'read already (a link to a file or folder scanned under another name)' });
      return;
    }
    seen.add(`${stats.dev}:${stats.ino}`);
    // The table of contents of a directory-format dump, given alone: the dump is its folder.
    if (stats.isFile() && basename(path) === 'toc.dat') {
      const folder = dirname(path);
      found.push({ path: folder, stats: await statOf(folder), dumpDirectory: true });
      return;
    }
    if (stats.isFile()) {
      found.push({ path, stats, dumpDirectory: false });
      return;
    }
    if (!stats.isDirectory()) {
      skipped.push({ path, reason: 'not a regular file (a device, a socket or a pipe)' });
      return;
    }
    let names: string[];
    try {
      names = (await readdir(path)).sort();
    } catch (error) {
      throw unreadable(path, (error as NodeJS.ErrnoException).code ?? 'error');
    }
    if (names.includes('toc.dat')) {
      found.push({ path, stats, dumpDirectory: true });
      return;
    }
    for (const name of names) {
      const child = join(path, name);
      await visit(child, await statOf(child));
    }
  };
  for (const path of paths) await visit(path, await statOf(path));
  return found;
}

export async function scanFiles(request: FileScanRequest): Promise<FileScanOutcome> {
  const started = performance.now();
  const skipped: Skipped[] = [];
  const files = await filesUnder(request.paths, skipped);
  const scanner = new RowScanner(request.index, { detectors: false });
  const keyed = request.keyed;
  const helpers =
    keyed === undefined || files.length === 0
      ? []
      : Array.from(
          { length: SCAN_THREADS },
          () => new StreamCheck(request.index, keyed, { detectors: false }, request.tally, WORKER_HEAP_MB),
        );
  const scanned: ScannedFile[] = [];
  let values = 0;
  try {
    for (const file of files) {
      const sink = new FileRowSink(scanner, request.tally, helpers);
      const read = await scanFile(file, sink, request, skipped);
      values += sink.values;
      if (read === null) continue;
      scanned.push({
        path: file.path,
        format: read.format,
        gzip: read.gzip,
        bytes: file.stats.size,
        modifiedAt: file.stats.mtime.toISOString(),
        tables: sink.tables.size,
        rows: sink.rows,
      });
      request.progress?.(file.path, sink.rows);
    }
    for (const helper of helpers) values += (await helper.finish()).values;
  } finally {
    for (const helper of helpers) await helper.close();
  }
  return {
    tally: request.tally,
    files: scanned,
    skipped,
    tables: scanned.reduce((n, f) => n + f.tables, 0),
    rows: scanned.reduce((n, f) => n + f.rows, 0),
    values,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

/** Reads one file into `sink`; null when it was skipped (the reason is in `skipped`). */
async function scanFile(
  file: FileToScan,
  sink: FileRowSink,
  request: FileScanRequest,
  skipped: Skipped[],
): Promise<{ format: FileFormat; gzip: boolean } | null> {
  const { path } = file;
  if (file.dumpDirectory) {
    await readRestored(path, null, sink, request);
    return { format: 'pg-custom', gzip: false };
  }
  if (file.stats.size === 0) {
    skipped.push({ path, reason: 'empty' });
    return null;
  }
  const gzip = await isGzip(path).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(path, error.code ?? 'error');
  });
  const head = await fileHead(path, gzip).catch(() => {
    throw unreadable(path, 'its gzip stream is damaged');
  });
  const format = formatOf(path, head);
  const lines = () => linesOf(fileBytes(path, gzip) as AsyncIterable<Buffer>);
  try {
    switch (format) {
      case 'pg-plain':
      case 'mysqldump':
        await readSqlDump(lines(), sink, {
          file: path,
          dialect: format === 'mysqldump' ? 'mysql' : 'postgres',
          lineNumbers: true,
        });
        break;
      case 'pg-custom':
        await readRestored(path, gzip ? fileBytes(path, true) : null, sink, request);
        break;
      case 'csv':
      case 'tsv':
        await readCsv(lines(), sink, { file: path, ...(format === 'tsv' ? { delimiter: '\t' } : {}) });
        break;
      case 'jsonl':
        await readJsonLines(lines(), sink, { file: path });
        break;
      case 'json': {
        const text = fileBytes(path, gzip).setEncoding('utf8') as AsyncIterable<string>;
        await readJsonDocument(text, sink, { file: path });
        break;
      }
      case 'text':
        await readText(lines(), sink, { file: path });
        break;
      case 'binary':
        if (!(await readBinary(file, gzip, sink, skipped))) return null;
        break;
    }
  } catch (error) {
    if (error instanceof LeakproofError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw unreadable(
      path,
      code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR'
        ? 'its gzip stream ends early or is damaged (a file cut short?)'
        : `${code ?? (error as Error).name}`,
    );
  }
  return { format, gzip };
}

/** A custom-format dump through pg_restore, read as the plain dump it writes. */
async function readRestored(
  path: string,
  input: NodeJS.ReadableStream | null,
  sink: FileRowSink,
  request: FileScanRequest,
): Promise<void> {
  const restored = restoreToText(path, input as never, request.searchPath);
  // Its failure is the answer even while the rows are still being read.
  const failed = restored.done.then(
    () => null,
    (error: unknown) => error,
  );
  try {
    await readSqlDump(linesOf(restored.output as AsyncIterable<Buffer>), sink, {
      file: path,
      dialect: 'postgres',
      lineNumbers: false,
    });
  } catch (error) {
    restored.stop();
    throw (await failed) ?? error;
  }
  const failure = await failed;
  if (failure !== null) throw failure;
}

/** The texts a binary file holds; false (and a reason in `skipped`) when it holds none to read. */
async function readBinary(
  file: FileToScan,
  gzip: boolean,
  sink: FileRowSink,
  skipped: Skipped[],
): Promise<boolean> {
  const { path } = file;
  if (file.stats.size > LARGEST_BINARY || gzip) {
    skipped.push({
      path,
      reason: `binary, ${Math.ceil(file.stats.size / 1024 / 1024)} MB${gzip ? ' gzipped' : ''}: not a dump, an export or text, too large to search for texts`,
    });
    return false;
  }
  const read = binaryTexts(await readFile(path));
  if (read.texts.length === 0) {
    skipped.push({ path, reason: 'binary: not a dump, an export or text, and no text found in it' });
    return false;
  }
  if (!read.readable)
    skipped.push({
      path,
      reason: 'binary: its texts were read, but parts are compressed or encrypted and were not',
    });
  await readTexts(read.texts, sink, path);
  return true;
}
