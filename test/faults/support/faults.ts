/**
 * Fault injection around real `leakproof copy` processes, for the tests in test/faults/: a source
 * of people large enough that a run takes seconds (fault-source.ts), the CLI as a child process
 * whose output is kept (copy-process.ts), and independent looks at the databases (observe.ts).
 */
export * from './copy-process.js';
export * from './fault-source.js';
export * from './observe.js';
