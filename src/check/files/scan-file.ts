/**
 * Reads one file into a row sink by the reader of its format: told by its content
 * (`file-format.ts`), read as a (gunzipped) stream of lines. A file that cannot be read as what it
 * is throws LP_FILE_UNREADABLE; one with nothing to read is listed as skipped with why.
 */
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { LeakproofError } from '../../errors.js';
import { binaryTexts } from '../matching/binary-texts.js';
import type { RowScanner, TracedFinding } from '../matching/row-scanner.js';
import { readCsv } from './csv-reader.js';
import { type FileFormat, formatOf } from './file-format.js';
import { fileBytes, fileHead, isGzip, linesOf } from './file-lines.js';
import { FileRowSink } from './file-row-sink.js';
import { type FileToScan, type SkippedFile, unreadable } from './file-walk.js';
import { readJsonDocument, readJsonLines } from './json-reader.js';
import { restoreToText } from './pg-restore.js';
import { readSqlDump } from './sql-dump-reader.js';
import { readText, readTexts } from './text-reader.js';

/** Short texts the row scanner remembers per column in a file scan (see `ScanOptions.cachedTexts`). */
export const FILE_SCAN_CACHED_TEXTS = 512;

/** Binary files up to this size are searched for the texts they hold (a PDF, a zip of documents). */
const LARGEST_BINARY = 64 * 1024 * 1024;

/** Reads one file into `sink`; null when it was skipped (the reason is in `skipped`). */
export async function scanFile(
  file: FileToScan,
  sink: FileRowSink,
  request: { readonly searchPath?: string },
  skipped: SkippedFile[],
): Promise<{ format: FileFormat; gzip: boolean } | null> {
  const { path } = file;
  if (file.dumpDirectory) {
    await readRestored(path, null, sink, request);
    return { format: 'pg-custom', gzip: false };
  }
  if (file.size === 0) {
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
  input: Readable | null,
  sink: FileRowSink,
  request: { readonly searchPath?: string },
): Promise<void> {
  const restored = restoreToText(path, input, request.searchPath);
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
  skipped: SkippedFile[],
): Promise<boolean> {
  const { path } = file;
  if (file.size > LARGEST_BINARY || gzip) {
    skipped.push({
      path,
      reason: `binary, ${Math.ceil(file.size / 1024 / 1024)} MB${gzip ? ' gzipped' : ''}: not a dump, an export or text, too large to search for texts`,
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
  readTexts(read.texts, sink, path);
  return true;
}

/** What a scan says of a file it read. */
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

/** What reading one file gave: the file (null when skipped), what was skipped, values read. */
export interface FileRead {
  readonly scanned: ScannedFile | null;
  readonly skipped: SkippedFile[];
  readonly values: number;
}

/** Reads and scans one file; findings go to `found`, a row at a time. */
export async function scanOneFile(
  file: FileToScan,
  scanner: RowScanner,
  found: (findings: TracedFinding[]) => void,
  options: { readonly searchPath?: string },
): Promise<FileRead> {
  const skipped: SkippedFile[] = [];
  const sink = new FileRowSink(scanner, found);
  const read = await scanFile(file, sink, options, skipped);
  const scanned =
    read === null
      ? null
      : {
          path: file.path,
          format: read.format,
          gzip: read.gzip,
          bytes: file.size,
          modifiedAt: file.modifiedAt,
          tables: sink.tables.size,
          rows: sink.rows,
        };
  return { scanned, skipped, values: sink.values };
}
