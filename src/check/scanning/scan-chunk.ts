/**
 * Scans one chunk of COPY text rows of a table: the one loop behind the leak check's main-thread
 * reads (`scan-database.ts`) and its worker thread (`stream-check-worker.ts`).
 */
import { decodeField } from '../../adapters/copy-text.js';
import { rowKeyOf } from '../matching/row-key.js';
import type { RowScanner, TracedFinding } from '../matching/row-scanner.js';
import type { StreamedTable } from './stream-check-protocol.js';

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
    const fields = line.split('\t').map(decodeField);
    for (const v of fields) if (v !== null) values++;
    const findings = scanner.scanRow(table.table, table.columns, fields, (hit) =>
      rowKeyOf(names, table.keyAt, fields, hit, firstRow + i, table.numberedAs),
    );
    if (findings.length > 0) found(findings);
  });
  return { rows: lines.length, values };
}
