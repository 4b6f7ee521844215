/**
 * The messages between a file scan and its worker thread (`scan-files.ts`, `file-scan-worker.ts`).
 * The worker reads the files itself; only findings (masked, as the row scanner makes them) and
 * what was read of each file come back. No value crosses.
 */
import type { KeyedHandOver } from '../../core/keyed.js';
import type { NameKind } from '../../core/name-dictionary.js';
import type { ErrorCode } from '../../errors.js';
import type { IndexHandOver } from '../fingerprints/fingerprint-index.js';
import type { TracedFinding } from '../matching/row-scanner.js';
import type { FileToScan } from './file-walk.js';
import type { FileRead } from './scan-file.js';

export interface FileScanSetup {
  readonly key: KeyedHandOver;
  readonly index: IndexHandOver;
  /** The known names (`knownNames`), so the worker need not load faker's lists to know them. */
  readonly names: ReadonlyMap<string, NameKind>;
  readonly files: readonly FileToScan[];
  readonly searchPath?: string;
}

export type FromFileScan =
  | { readonly kind: 'findings'; readonly findings: readonly TracedFinding[] }
  | { readonly kind: 'file'; readonly read: FileRead }
  /** The scan stopped: a LeakproofError's code and message, or LP_INTERNAL with the error's kind only. */
  | { readonly kind: 'failed'; readonly code: ErrorCode; readonly message: string }
  | { readonly kind: 'done' };
