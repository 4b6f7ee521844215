/**
 * Reads every value of every table of a database — every schema, kept columns too — and holds it
 * against the fingerprints with the row scanner. Used by `copy` (on its own target, before it is
 * released), `verify` and the breach `scan`. Only findings leave; values stay in the loop.
 */
import type { DatabaseAdapter } from '../adapters/adapter.js';
import { decodeRows } from '../adapters/copy-text.js';
import { qualifiedName, type TableModel } from '../schema/model.js';
import { quoteIdent, quoteTable } from '../schema/sql-identifiers.js';
import { FindingTally } from '../verify/finding-tally.js';
import type { FingerprintIndex } from '../verify/fingerprint-index.js';
import { maskValue } from '../verify/mask.js';
import { RowScanner, type ScanColumn } from '../verify/row-scanner.js';
import type { WrittenBy } from './written-by.js';

export interface ScanRequest {
  readonly db: DatabaseAdapter;
  readonly index: FingerprintIndex;
  /** Report detector hits (identifiers of unknown people) in columns Leakproof did not write. */
  readonly detectors: boolean;
  /** Which transform wrote a column (`schema.table`, column); default: none did (a breach scan). */
  readonly writtenBy?: WrittenBy;
  readonly progress?: (table: string, rows: number) => void;
  readonly signal?: AbortSignal;
  /** Read nothing (a copy told not to check); the outcome then has no findings. */
  readonly skipTables?: boolean;
}

export interface ScanOutcome {
  readonly tally: FindingTally;
  readonly tables: number;
  readonly rows: number;
  /** Non-null values read. */
  readonly values: number;
  readonly seconds: number;
}

/** Scans in whatever transaction `db` is in: the copy's own, or a snapshot the caller began. */
export async function scanDatabase(request: ScanRequest): Promise<ScanOutcome> {
  const started = performance.now();
  const schema = await request.db.introspect();
  const scanner = new RowScanner(request.index, { detectors: request.detectors });
  const tally = new FindingTally();
  let rows = 0;
  let values = 0;
  for (const table of request.skipTables ? [] : schema.tables) {
    if (table.columns.length === 0) continue;
    const counted = await scanTable(request, scanner, tally, table);
    rows += counted.rows;
    values += counted.values;
  }
  return {
    tally,
    tables: schema.tables.length,
    rows,
    values,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

async function scanTable(
  request: ScanRequest,
  scanner: RowScanner,
  tally: FindingTally,
  table: TableModel,
): Promise<{ rows: number; values: number }> {
  const name = qualifiedName(table);
  const transformOf = (column: string) => request.writtenBy?.(name, column) ?? null;
  const columns: ScanColumn[] = table.columns.map((c) => ({
    name: c.name,
    shape: { category: c.category, isArray: c.isArray },
    // A generated column is computed by the target from copied columns, which are scanned themselves.
    produced: c.generatedExpr !== null || transformOf(c.name) !== null,
    // Words of a generated fake (a fake city, a fake code) are no one's name; free text may hold names.
    nameWords: [null, 'scrub', 'json'].includes(transformOf(c.name)),
  }));
  const keyAt = (table.primaryKey?.columns ?? []).map((k) => table.columns.findIndex((c) => c.name === k));
  const select = `SELECT ${table.columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteTable(table)}`;
  let rows = 0;
  let values = 0;
  for await (const fields of decodeRows(request.db.readQuery(select, `Checking ${name}`, request.signal))) {
    rows++;
    for (const v of fields) if (v !== null) values++;
    const rowNumber = rows;
    const findings = scanner.scanRow(name, columns, fields, (hit) =>
      keyAt.length === 0
        ? `#${rowNumber}`
        : keyAt
            .map((i) => {
              const v = fields[i] ?? null;
              const shown = v === null ? 'NULL' : hit.has(i) ? maskValue(v) : v;
              return `${table.columns[i]!.name}=${shown}`;
            })
            .join(', '),
    );
    tally.addRow(findings);
  }
  request.progress?.(name, rows);
  return { rows, values };
}
