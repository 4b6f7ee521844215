/**
 * The breach scan of files: dumps, exports and text, gzipped or not, held against the fingerprints
 * like a database's rows. Folders are read recursively (`file-walk.ts`); each file is told by its
 * content and read as a stream by the reader of its format (`scan-file.ts`) into numbered rows
 * that are scanned as a table's are. A file that cannot be read as what it is stops the scan (a
 * clean verdict over files left unread would be false); one with nothing to read is listed as
 * skipped, with why.
 *
 * With the fingerprints' key, the reading and scanning run on a worker thread with a bounded
 * heap, so memory stays flat on a dump of many gigabytes: V8 lets an unbounded heap grow to
 * several times what it holds before it collects, and this thread, which holds the fingerprints,
 * the name lists and the CLI, then stays idle.
 */
import { Worker } from 'node:worker_threads';
import { collectGarbage } from '../../core/collect-garbage.js';
import type { Keyed } from '../../core/keyed.js';
import { knownNames } from '../../core/name-dictionary.js';
import { workerUrl } from '../../core/worker-url.js';
import { LeakproofError } from '../../errors.js';
// Loads the name lists the row scanner asks about (`knownNames`).
import '../../transforms/names.js';
import type { FingerprintIndex } from '../fingerprints/fingerprint-index.js';
import type { FindingTally } from '../matching/finding-tally.js';
import { RowScanner } from '../matching/row-scanner.js';
import type { FileFormat } from './file-format.js';
import type { FileScanSetup, FromFileScan } from './file-scan-protocol.js';
import { type FileToScan, filesUnder, type SkippedFile } from './file-walk.js';
import { FILE_SCAN_CACHED_TEXTS, type FileRead, type ScannedFile, scanOneFile } from './scan-file.js';

export type { FileFormat, ScannedFile };

export interface FileScanRequest {
  /** Files or folders (read recursively). */
  readonly paths: readonly string[];
  readonly index: FingerprintIndex;
  /** Findings go here. */
  readonly tally: FindingTally;
  /** The key of the fingerprints: given, the files are read and scanned on a worker thread. */
  readonly keyed?: Keyed;
  /** The PATH to find `pg_restore` on (default: the process's). */
  readonly searchPath?: string;
  readonly progress?: (file: string, rows: number) => void;
}

export interface FileScanOutcome {
  readonly tally: FindingTally;
  readonly files: readonly ScannedFile[];
  /** Files left unread (binary, unknown) or read in part, each with why: never skipped silently. */
  readonly skipped: readonly SkippedFile[];
  readonly tables: number;
  readonly rows: number;
  readonly values: number;
  readonly seconds: number;
}

/**
 * The worker's heap. What it holds (the scanner's memos of one table, the name lists, a batch of
 * rows) is about 20–40 MB; bounded, V8 collects its garbage before it grows far past that.
 * Measured on the bench's dump (10,000 people fingerprinted, free text in every table): 230 MB
 * peak for the whole scan, flat; unbounded, 345 MB and rising. One thread: a second scanning
 * thread (every other batch) added 100 MB, to 328 MB, past the 300 MB a scan may take.
 */
const WORKER_OLD_MB = 128;
const WORKER_YOUNG_MB = 4;

export async function scanFiles(request: FileScanRequest): Promise<FileScanOutcome> {
  const started = performance.now();
  const skipped: SkippedFile[] = [];
  const files = await filesUnder(request.paths, skipped);
  const scanned: ScannedFile[] = [];
  let values = 0;
  const onRead = (read: FileRead) => {
    skipped.push(...read.skipped);
    values += read.values;
    if (read.scanned === null) return;
    scanned.push(read.scanned);
    request.progress?.(read.scanned.path, read.scanned.rows);
  };
  if (files.length > 0) {
    if (request.keyed === undefined) await scanHere(files, request, onRead);
    else await scanOnWorker(files, request, request.keyed, onRead);
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

const pathOption = (request: FileScanRequest) =>
  request.searchPath === undefined ? {} : { searchPath: request.searchPath };

/** Without the key to hand the fingerprints on: on this thread. */
async function scanHere(
  files: readonly FileToScan[],
  request: FileScanRequest,
  onRead: (read: FileRead) => void,
): Promise<void> {
  const scanner = new RowScanner(request.index, { detectors: false, cachedTexts: FILE_SCAN_CACHED_TEXTS });
  for (const file of files)
    onRead(await scanOneFile(file, scanner, (f) => request.tally.addRow(f), pathOption(request)));
}

async function scanOnWorker(
  files: readonly FileToScan[],
  request: FileScanRequest,
  keyed: Keyed,
  onRead: (read: FileRead) => void,
): Promise<void> {
  const setup: FileScanSetup = {
    key: keyed.handOver(),
    index: request.index.handOver(),
    names: knownNames(),
    files,
    ...pathOption(request),
  };
  // This thread now only waits: what it no longer holds is collected once, not kept for the scan.
  collectGarbage();
  const worker = new Worker(workerUrl('check/files/file-scan-worker.js'), {
    workerData: setup,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: LeakproofError) => {
        if (settled) return;
        settled = true;
        if (error === undefined) resolve();
        else reject(error);
      };
      worker.on('message', (message: FromFileScan) => {
        switch (message.kind) {
          case 'findings':
            request.tally.addRow(message.findings);
            break;
          case 'file':
            onRead(message.read);
            break;
          case 'failed':
            settle(new LeakproofError(message.code, message.message));
            break;
          case 'done':
            settle();
            break;
        }
      });
      // The worker's own error may quote a value it choked on: only its kind is passed on.
      worker.on('error', (error) =>
        settle(
          new LeakproofError(
            'LP_INTERNAL',
            `The file scan's worker thread failed (${(error as { code?: unknown }).code ?? error.name}); the scan did not finish.`,
          ),
        ),
      );
      worker.on('exit', (code) =>
        settle(
          new LeakproofError(
            'LP_INTERNAL',
            `The file scan's worker thread stopped (exit code ${code}); the scan did not finish.`,
          ),
        ),
      );
    });
  } finally {
    await worker.terminate();
  }
}
