/**
 * The breach scan of files: dumps, exports and text, gzipped or not, held against the fingerprints
 * like a database's rows. (Interface first; the readers land with issue 15.)
 */
import { LeakproofError } from '../../errors.js';
import type { FingerprintIndex } from '../fingerprints/fingerprint-index.js';
import type { FindingTally } from '../matching/finding-tally.js';

/** What a file was read as. */
export type FileFormat = 'pg-plain' | 'pg-custom' | 'mysqldump' | 'csv' | 'tsv' | 'json' | 'jsonl' | 'text';

export interface FileScanRequest {
  /** Files or folders (read recursively). */
  readonly paths: readonly string[];
  readonly index: FingerprintIndex;
  /** Findings go here. */
  readonly tally: FindingTally;
  readonly progress?: (file: string, rows: number) => void;
  readonly signal?: AbortSignal;
}

export interface ScannedFile {
  readonly path: string;
  readonly format: FileFormat;
  readonly gzip: boolean;
  readonly bytes: number;
  /** When the file was last written (ISO time): a fingerprint file older than this may miss people. */
  readonly modifiedAt: string;
  readonly tables: number;
  readonly rows: number;
}

export interface FileScanOutcome {
  readonly tally: FindingTally;
  readonly files: readonly ScannedFile[];
  readonly tables: number;
  readonly rows: number;
  readonly values: number;
  readonly seconds: number;
}

export async function scanFiles(_request: FileScanRequest): Promise<FileScanOutcome> {
  throw new LeakproofError('LP_UNSUPPORTED', 'Scanning files is not built yet.');
}
