/**
 * Scans rows of a table: one chunk of COPY text rows at a time (the leak check's main-thread reads,
 * `scan-database.ts`, and its worker thread, `stream-check-worker.ts`), or one row's fields (a
 * file scan's rows, `check/files/file-row-sink.ts`).
 */
import { decodeField } from '../../adapters/copy-text.js';
import { rowKeyOf } from '../matching/row-key.js';
import type { RowScanner, TracedFinding } from '../matching/row-scanner.js';
import type { StreamedTable } from './stream-check-protocol.js';

/**
 * Scans one row; `names`: the table's column names, `rowNumber`: how a row without a key is named.
 * Its findings go to `found`; returns the non-null values read.
 */
export function scanFields(
  scanner: RowScanner,
  table: StreamedTable,
  names: readonly string[],
  fields: readonly (string | null)[],
  rowNumber: number,
  found: (findings: TracedFinding[]) => void,
): number {
  let values = 0;
  for (const v of fields) if (v !== null) values++;
  const findings = scanner.scanRow(table.table, table.columns, fields, (hit) =>
    rowKeyOf(names, table.keyAt, fields, hit, rowNumber, table.numberedAs),
  );
  if (findings.length > 0) found(findings);
  return values;
}

/**
 * `firstRow`: the number of the chunk's first row in its table (rows without a key are named by
 * number). Findings go to `found`, a row at a time; returns the rows and non-null values read.
 */
export function scanChunk(
  scanner: RowScanner,
  table: StreamedTable,
  chunk: Buffer,
  firstRow: number,
  found: (findings: TracedFinding[]) => void,
): { rows: number; values: number } {
  const names = table.columns.map((c) => c.name);
  const lines = chunk.toString('utf8').split('\n');
  lines.pop(); // a chunk ends with a newline
  let values = 0;
  lines.forEach((line, i) => {
    values += scanFields(scanner, table, names, line.split('\t').map(decodeField), firstRow + i, found);
  });
  return { rows: lines.length, values };
}
