/**
 * Worker threads that share the fingerprinting of the source with the main thread (`--jobs`).
 * The main thread reads the rows and numbers their holders; a chunk goes to the least busy worker,
 * or, when every worker is a few chunks behind, the main thread fingerprints it itself, so the
 * work spreads over the cores whatever the rows cost. The index built from the merged records is
 * the same whichever thread made which record (`FingerprintBuilder.build` sorts them).
 */
import { Worker } from 'node:worker_threads';
import type { Keyed, KeyedHandOver } from '../../core/keyed.js';
import { knownNames, type NameKind } from '../../core/name-dictionary.js';
import { workerUrl } from '../../core/worker-url.js';
import { LeakproofError } from '../../errors.js';
import type { FingerprintBuilder, FingerprintRecords } from './fingerprint-index.js';
import type { PersonalColumn } from './personal-columns.js';

export interface FingerprintSetup {
  readonly key: KeyedHandOver;
  /** The known names (`knownNames`), so a worker need not load faker's lists to know them. */
  readonly names: ReadonlyMap<string, NameKind>;
}

export type ToFingerprintWorker =
  | {
      readonly kind: 'table';
      readonly id: number;
      readonly columns: readonly PersonalColumn[];
      readonly ids: readonly number[];
    }
  /** Whole rows whose first fields are the table's personal columns; `holders[i]` is row i's. */
  | {
      readonly kind: 'rows';
      readonly table: number;
      readonly chunk: Uint8Array;
      readonly holders: Uint32Array;
    }
  | { readonly kind: 'finish' };

export type FromFingerprintWorker =
  | { readonly kind: 'done'; readonly bytes: number }
  | { readonly kind: 'records'; readonly records: FingerprintRecords };

/** Bytes a worker may have waiting before the main thread does a chunk itself. */
const MAX_PENDING_BYTES = 2 * 1024 * 1024;

interface PoolWorker {
  readonly worker: Worker;
  pending: number;
  records: Promise<FingerprintRecords>;
}

export class FingerprintPool {
  readonly #workers: PoolWorker[];
  #failure: LeakproofError | null = null;

  /** Starts `count` workers (none when `count` is 0: the main thread does everything). */
  constructor(keyed: Keyed, count: number) {
    const setup: FingerprintSetup = { key: keyed.handOver(), names: knownNames() };
    this.#workers = Array.from({ length: count }, () => this.#start(setup));
  }

  #start(setup: FingerprintSetup): PoolWorker {
    const worker = new Worker(workerUrl('check/fingerprints/fingerprint-worker.js'), { workerData: setup });
    const entry: PoolWorker = { worker, pending: 0, records: Promise.resolve(null as never) };
    entry.records = new Promise((resolve, reject) => {
      worker.on('message', (message: FromFingerprintWorker) => {
        if (message.kind === 'done') entry.pending -= message.bytes;
        else resolve(message.records);
      });
      // The worker's own error may quote a value it choked on: only its kind is passed on.
      worker.on('error', (error) =>
        reject(this.#fail(`it failed (${(error as { code?: unknown }).code ?? error.name})`)),
      );
      worker.on('exit', (code) => reject(this.#fail(`it stopped (exit code ${code})`)));
    });
    entry.records.catch(() => {}); // read in `finish`; a failure before then is thrown by `offer`
    return entry;
  }

  #fail(what: string): LeakproofError {
    this.#failure ??= new LeakproofError(
      'LP_INTERNAL',
      `A fingerprinting worker thread: ${what}; the fingerprints are incomplete.`,
    );
    return this.#failure;
  }

  /** Tells every worker about a table's personal columns and their column ids. */
  table(id: number, columns: readonly PersonalColumn[], ids: readonly number[]): void {
    for (const { worker } of this.#workers) worker.postMessage({ kind: 'table', id, columns, ids });
  }

  /** Whether a worker has room for a chunk now (else the caller fingerprints it itself). */
  hasRoom(): boolean {
    if (this.#failure !== null) throw this.#failure;
    return this.#workers.some((w) => w.pending < MAX_PENDING_BYTES);
  }

  /** Hands a chunk of whole rows to the least busy worker; `hasRoom()` said there is one. */
  send(table: number, chunk: Buffer, holders: Uint32Array): void {
    const target = this.#workers.reduce((a, b) => (b.pending < a.pending ? b : a));
    // A copy of its own: the driver's buffers may share memory with other chunks.
    const own = new Uint8Array(chunk);
    target.pending += own.byteLength;
    const message: ToFingerprintWorker = { kind: 'rows', table, chunk: own, holders };
    target.worker.postMessage(message, [own.buffer, holders.buffer as ArrayBuffer]);
  }

  /** Waits for every worker's records and adds them to `builder`; the workers then stop. */
  async finish(builder: FingerprintBuilder): Promise<void> {
    for (const { worker } of this.#workers) worker.postMessage({ kind: 'finish' });
    for (const entry of this.#workers) builder.absorb(await entry.records);
    await this.close();
  }

  /** Stops every worker; safe to call more than once. */
  async close(): Promise<void> {
    const workers = this.#workers.splice(0);
    for (const { worker } of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }
}
