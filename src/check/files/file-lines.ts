/**
 * A file's text as batches of numbered lines, read as a stream (gunzipped on the way when it is
 * gzip), so a dump of many gigabytes is read in constant memory: only one read and the line it
 * ends inside are held at a time.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** Consecutive lines of a file, without their line ends; `first` is the number of the first (from 1). */
export interface LineBatch {
  readonly first: number;
  readonly lines: readonly string[];
}

/**
 * Beyond this, a line is cut into pieces (numbered as the same line): a file without line ends
 * must not be held whole. Longer than any row a dump writes in practice.
 */
export const LONGEST_LINE = 64 * 1024 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b];
/**
 * Bytes per read. Small on purpose: what a read turns into (its lines) lives until they are
 * handed on, and larger reads keep more of it alive across collections, which makes V8 grow the
 * thread's heap (measured: 1 MB reads and 512 KB batches, 480 MB peak; 64 KB, 230 MB).
 */
const READ_BYTES = 64 * 1024;

/** Whether the file starts as gzip does. */
export async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/** The file's bytes, gunzipped when `gzip`. */
export function fileBytes(path: string, gzip: boolean): Readable {
  const raw = createReadStream(path, { highWaterMark: READ_BYTES });
  if (!gzip) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

/** The first `bytes` of the file's content (gunzipped when `gzip`), for telling its format. */
export async function fileHead(path: string, gzip: boolean, bytes = 64 * 1024): Promise<Buffer> {
  const parts: Buffer[] = [];
  let held = 0;
  const stream = fileBytes(path, gzip);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      held += chunk.length;
      if (held >= bytes) break;
    }
  } catch (error) {
    // A gzip file cut short still has a readable head; an empty read means it has none.
    if (held === 0) throw error;
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

/** The lines of a stream of UTF-8 text; `\r\n` ends a line as `\n` does. */
export async function* linesOf(bytes: AsyncIterable<Buffer | string>): AsyncGenerator<LineBatch> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let next = 1;
  const batch = (lines: string[]): LineBatch => {
    const out = { first: next, lines };
    next += lines.length;
    return out;
  };
  for await (const chunk of bytes) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    if (rest.length > LONGEST_LINE) {
      // A piece of an endless line: scanned as a line of its own, numbered as the line it is part of.
      yield { first: next, lines: [rest] };
      rest = '';
    }
    if (lines.length > 0) yield batch(lines.map(withoutCarriageReturn));
  }
  rest += decoder.end();
  if (rest !== '') yield batch([withoutCarriageReturn(rest)]);
}

const withoutCarriageReturn = (line: string) =>
  line.charCodeAt(line.length - 1) === 0x0d ? line.slice(0, -1) : line;
