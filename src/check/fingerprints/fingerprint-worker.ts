/**
 * A worker thread that fingerprints rows for `fingerprintSource`: it receives COPY text chunks of
 * a table's personal columns with the holder of every row (numbered by the main thread, so the
 * people are counted once, in one order), and hands back its records at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { decodeField } from '../../adapters/copy-text.js';
import { Keyed } from '../../core/keyed.js';
import { provideNameDictionary } from '../../core/name-dictionary.js';
import { FingerprintBuilder } from './fingerprint-index.js';
import type { FingerprintSetup, FromFingerprintWorker, ToFingerprintWorker } from './fingerprint-pool.js';
import { fingerprintRow } from './fingerprint-row.js';
import type { PersonalColumn } from './personal-columns.js';

const port = parentPort;
if (port === null) throw new Error('fingerprint-worker runs as a worker thread only');
const setup = workerData as FingerprintSetup;
provideNameDictionary(setup.names);
const builder = new FingerprintBuilder(new Keyed(setup.key));
const tables = new Map<number, { columns: readonly PersonalColumn[]; ids: readonly number[] }>();
const send = (message: FromFingerprintWorker, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

port.on('message', (message: ToFingerprintWorker) => {
  switch (message.kind) {
    case 'table':
      tables.set(message.id, { columns: message.columns, ids: message.ids });
      break;
    case 'rows': {
      const table = tables.get(message.table);
      if (table === undefined) throw new Error('rows of an unknown table');
      const { chunk, holders } = message;
      const lines = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        .toString('utf8')
        .split('\n');
      lines.pop(); // a chunk ends with a newline
      const n = table.columns.length;
      lines.forEach((line, i) => {
        const values = line.split('\t', n).map(decodeField);
        fingerprintRow(builder, table.columns, values, holders[i]!, table.ids);
      });
      send({ kind: 'done', bytes: chunk.byteLength });
      break;
    }
    case 'finish': {
      const records = builder.records();
      send({ kind: 'records', records }, [
        records.hi.buffer as ArrayBuffer,
        records.lo.buffer as ArrayBuffer,
        records.holder.buffer as ArrayBuffer,
        records.meta.buffer as ArrayBuffer,
        records.quick.buffer as ArrayBuffer,
      ]);
      break;
    }
  }
});
