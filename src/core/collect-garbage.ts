/**
 * A full garbage collection, now. For one moment only: after the fingerprint file is read, its
 * parse leaves several times the file's size of dead strings and buffers in the main thread's heap,
 * and a thread that then only waits for its worker (a file scan) never collects them, so they
 * would count in the process's memory for the whole scan. V8 offers `gc` only behind a flag; the
 * flag is set for this call and the function taken from a fresh context.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null; // a runtime without it: memory is then only V8's to manage
    }
  }
  collect?.();
}
