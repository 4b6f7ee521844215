/**
 * The worker thread of a file scan: reads every file, parses it and scans its rows, so the heavy
 * work and its garbage live in a thread whose heap is bounded (`scan-files.ts`), and the process
 * stays small on a dump of many gigabytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Keyed } from '../../core/keyed.js';
import { provideNameDictionary } from '../../core/name-dictionary.js';
import { LeakproofError } from '../../errors.js';
import { FingerprintIndex } from '../fingerprints/fingerprint-index.js';
import { RowScanner } from '../matching/row-scanner.js';
import type { FileScanSetup, FromFileScan } from './file-scan-protocol.js';
import { FILE_SCAN_CACHED_TEXTS, scanOneFile } from './scan-file.js';

const port = parentPort;
if (port === null) throw new Error('file-scan-worker runs as a worker thread only');
const setup = workerData as FileScanSetup;
provideNameDictionary(setup.names);
const scanner = new RowScanner(FingerprintIndex.fromHandOver(new Keyed(setup.key), setup.index), {
  detectors: false,
  cachedTexts: FILE_SCAN_CACHED_TEXTS,
});
const send = (message: FromFileScan) => port.postMessage(message);

try {
  for (const file of setup.files) {
    const read = await scanOneFile(file, scanner, (findings) => send({ kind: 'findings', findings }), {
      ...(setup.searchPath === undefined ? {} : { searchPath: setup.searchPath }),
    });
    send({ kind: 'file', read });
  }
  send({ kind: 'done' });
} catch (error) {
  // An error that is not Leakproof's may quote what it choked on (a JSON parser does): only its kind.
  send(
    error instanceof LeakproofError
      ? { kind: 'failed', code: error.code, message: error.message }
      : {
          kind: 'failed',
          code: 'LP_INTERNAL',
          message: `The file scan's worker thread failed (${(error as { code?: unknown }).code ?? (error as Error).name}).`,
        },
  );
}
