/**
 * Typed arrays in shared memory: the fingerprint index lives in them, so the copy's
 * check-on-the-stream worker thread searches the same bytes instead of a copy of them.
 */
export function sharedArray<T>(
  kind: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new kind(new SharedArrayBuffer(length * kind.BYTES_PER_ELEMENT));
}

export function sharedCopy(view: Uint32Array): Uint32Array {
  const out = sharedArray(Uint32Array, view.length);
  out.set(view);
  return out;
}
