/**
 * Where a worker thread's script is. Compiled, it sits in `dist/` beside the module that starts it.
 * Run from the TypeScript sources (the test runner), a worker thread cannot load a `.ts` file, so it
 * is the build's (`npm test` builds first).
 */

/**
 * `script`: the worker's path in the build, from `dist/` (`check/scanning/stream-check-worker.js`).
 * This module is `src/core/worker-url.ts`, compiled `dist/core/worker-url.js`: both find it from here.
 */
export function workerUrl(script: string): URL {
  const dist = import.meta.url.endsWith('.ts') ? '../../dist/' : '../';
  return new URL(`${dist}${script}`, import.meta.url);
}
