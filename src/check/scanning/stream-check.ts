/**
 * The copy's leak check on the stream: every COPY chunk the target is sent is also handed to a
 * worker thread that scans its rows, so the check runs on the second core while the main thread
 * reads and transforms, instead of reading the whole target back afterwards. What the stream did
 * not produce (tables it did not write, rows that are not its rows) is read back by `scanDatabase`.
 *
 * The worker gets copies of the chunks (the buffers themselves still go to the target) and
 * acknowledges each; the copy waits when more than `MAX_PENDING_BYTES` are unscanned, so a slow
 * check slows the copy rather than filling memory.
 */
import { Worker } from 'node:worker_threads';
import type { Keyed } from '../../core/keyed.js';
import { knownNames } from '../../core/name-dictionary.js';
import { workerUrl } from '../../core/worker-url.js';
import { LeakproofError } from '../../errors.js';
// Loads the name lists the row scanner asks about (`knownNames`).
import '../../transforms/names.js';

import type { FingerprintIndex } from '../fingerprints/fingerprint-index.js';
import type { FindingTally } from '../matching/finding-tally.js';
import type { ScanOptions } from '../matching/row-scanner.js';
import type { FromWorker, StreamCheckSetup, StreamedTable, ToWorker } from './stream-check-protocol.js';

export type { StreamedTable };

const MAX_PENDING_BYTES = 8 * 1024 * 1024;

/** What the worker checked: rows per table (`schema.table`), values, and its busy time. */
export interface StreamCheckOutcome {
  readonly rows: ReadonlyMap<string, number>;
  readonly values: number;
  readonly busySeconds: number;
}

export class StreamCheck {
  readonly #worker: Worker;
  readonly #tally: FindingTally;
  #pending = 0;
  #wakeSender: (() => void) | null = null;
  #failure: LeakproofError | null = null;
  /** Set while `finish` waits: the worker's last message resolves it, a failure rejects it. */
  #finishing: {
    resolve: (outcome: StreamCheckOutcome) => void;
    reject: (failure: LeakproofError) => void;
  } | null = null;
  #closed = false;

  /** Starts the worker; findings go into `tally` as they come. */
  constructor(index: FingerprintIndex, keyed: Keyed, options: ScanOptions, tally: FindingTally) {
    this.#tally = tally;
    const setup: StreamCheckSetup = {
      key: keyed.handOver(),
      index: index.handOver(),
      names: knownNames(),
      options,
    };
    this.#worker = new Worker(workerUrl('check/scanning/stream-check-worker.js'), { workerData: setup });
    this.#worker.on('message', (message: FromWorker) => this.#receive(message));
    // The worker's own error may quote a value it choked on: only its kind is passed on.
    this.#worker.on('error', (error) =>
      this.#fail(`it failed (${(error as { code?: unknown }).code ?? error.name})`),
    );
    this.#worker.on('exit', (code) => {
      if (!this.#closed) this.#fail(`it stopped (exit code ${code})`);
    });
  }

  #receive(message: FromWorker): void {
    switch (message.kind) {
      case 'scanned':
        this.#pending -= message.bytes;
        if (this.#pending <= MAX_PENDING_BYTES) this.#wake();
        break;
      case 'findings':
        this.#tally.addRow(message.findings);
        break;
      case 'finished':
        this.#finishing?.resolve({
          rows: new Map(Object.entries(message.rows)),
          values: message.values,
          busySeconds: message.busySeconds,
        });
        break;
    }
  }

  #fail(what: string): void {
    this.#failure ??= new LeakproofError(
      'LP_INTERNAL',
      `The leak check's worker thread: ${what}; the check did not finish, nothing was released.`,
    );
    this.#wake();
    this.#finishing?.reject(this.#failure);
  }

  #wake(): void {
    const wake = this.#wakeSender;
    this.#wakeSender = null;
    wake?.();
  }

  #post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (this.#failure !== null) throw this.#failure;
    this.#worker.postMessage(message, transfer);
  }

  /** Passes a table's chunks through unchanged, sending a copy of each to the worker. */
  async *tap(table: StreamedTable, chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    this.startTable(table);
    for await (const chunk of chunks) {
      await this.send(chunk);
      yield chunk;
    }
  }

  /** The table the next chunks belong to. */
  startTable(table: StreamedTable): void {
    this.#post({ kind: 'table', table });
  }

  /**
   * Hands the worker a copy of one chunk of whole rows; waits first while it is too far behind.
   * `firstRow`: the number of the chunk's first row in its table, when chunks of one table are
   * shared with another scanner (rows without a key are named by number).
   */
  async send(chunk: Buffer, firstRow?: number): Promise<void> {
    while (this.#pending > MAX_PENDING_BYTES && this.#failure === null)
      await new Promise<void>((resolve) => {
        this.#wakeSender = resolve;
      });
    this.#pending += chunk.byteLength;
    // A copy of just these bytes, moved to the worker: cloning the Buffer itself would copy the
    // whole memory it is a slice of (a socket read, Node's buffer pool).
    const copy = new Uint8Array(chunk);
    this.#post({ kind: 'rows', chunk: copy, ...(firstRow === undefined ? {} : { firstRow }) }, [copy.buffer]);
  }

  /** Waits until every row sent has been scanned; then the worker is done. */
  async finish(): Promise<StreamCheckOutcome> {
    try {
      this.#post({ kind: 'finish' }); // throws the failure, if the worker already failed
      // Set in the same tick as the post: the worker's answer cannot come before it.
      return await new Promise<StreamCheckOutcome>((resolve, reject) => {
        this.#finishing = { resolve, reject };
      });
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#worker.terminate();
  }
}
