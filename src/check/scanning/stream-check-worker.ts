/**
 * The worker thread of the copy's leak check: scans every row the copy sends to the target, on the
 * machine's other core, while the main thread reads and transforms the next rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Keyed } from '../../core/keyed.js';
import { provideNameDictionary } from '../../core/name-dictionary.js';
import { FingerprintIndex } from '../fingerprints/fingerprint-index.js';
import { RowScanner } from '../matching/row-scanner.js';
import { scanChunk } from './scan-chunk.js';
import type { FromWorker, StreamCheckSetup, StreamedTable, ToWorker } from './stream-check-protocol.js';

const port = parentPort;
if (port === null) throw new Error('stream-check-worker runs as a worker thread only');
const setup = workerData as StreamCheckSetup;
provideNameDictionary(setup.names);
const scanner = new RowScanner(
  FingerprintIndex.fromHandOver(new Keyed(setup.key), setup.index),
  setup.options,
);
const send = (message: FromWorker) => port.postMessage(message);

const rowsOf: Record<string, number> = {};
let values = 0;
let busy = 0;
let current: StreamedTable | null = null;

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'table':
      current = message.table;
      rowsOf[current.table] ??= 0;
      break;
    case 'rows': {
      if (current === null) throw new Error('rows before a table');
      const started = performance.now();
      const { chunk } = message;
      // Rows are numbered in their table: from `firstRow` when the chunks are shared with another
      // scanner, else counting on from the last chunk.
      const firstRow = message.firstRow ?? (rowsOf[current.table] ?? 0) + 1;
      const read = scanChunk(
        scanner,
        current,
        Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
        firstRow,
        (findings) => send({ kind: 'findings', findings }),
      );
      rowsOf[current.table] = (rowsOf[current.table] ?? 0) + read.rows;
      values += read.values;
      busy += performance.now() - started;
      send({ kind: 'scanned', bytes: message.chunk.byteLength });
      break;
    }
    case 'finish':
      send({ kind: 'finished', rows: rowsOf, values, busySeconds: Math.round(busy / 10) / 100 });
      break;
  }
});
