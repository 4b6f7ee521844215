/**
 * Reads the source's personal values, as the policy names them (every column it does not keep),
 * inside the caller's snapshot, and turns them into fingerprints: keyed digests, each traced to
 * the people (rows of `subject: true` tables) who hold it. No value is kept in memory beyond the
 * row being read.
 */
import type { DatabaseAdapter } from '../../adapters/adapter.js';
import { decodeRows } from '../../adapters/copy-text.js';
import type { Keyed } from '../../core/keyed.js';
import type { CheckedPolicy } from '../../policy/check-policy.js';
import { qualifiedName } from '../../schema/model.js';
import { quoteIdent, quoteTable } from '../../schema/sql-identifiers.js';
// Loads the name lists the row scanner asks about (`knownNames`).
import '../../transforms/names.js';

import { FingerprintBuilder, type FingerprintIndex } from './fingerprint-index.js';
import { fingerprintRow } from './fingerprint-row.js';
import { type PersonalColumn, personalColumn } from './personal-columns.js';
import { subjectLinks } from './subject-links.js';

export interface FingerprintOutcome {
  readonly index: FingerprintIndex;
  readonly subjectTables: readonly string[];
  /** Rows and non-null personal values read. */
  readonly rows: number;
  readonly values: number;
  readonly seconds: number;
}

export interface FingerprintRequest {
  readonly source: DatabaseAdapter;
  readonly checked: CheckedPolicy;
  readonly keyed: Keyed;
  readonly progress?: (table: string, rows: number) => void;
  readonly signal?: AbortSignal;
}

/** The personal columns of each copied table, by the policy's decisions. */
export function personalColumnsOf(checked: CheckedPolicy): Map<string, PersonalColumn[]> {
  const out = new Map<string, PersonalColumn[]>();
  for (const entry of checked.tables) {
    if (entry.kind === 'skip') continue;
    const columns = entry.columns.flatMap(({ column, decision }) => {
      const personal = personalColumn(decision.transform, column, decision.category);
      return personal === null ? [] : [personal];
    });
    if (columns.length > 0) out.set(qualifiedName(entry.table), columns);
  }
  return out;
}

/** Builds the fingerprints; call inside a snapshot on `source` so they match what is copied. */
export async function fingerprintSource(request: FingerprintRequest): Promise<FingerprintOutcome> {
  const started = performance.now();
  const { source, checked, keyed } = request;
  const subjectTables = checked.tables
    .filter((t) => t.kind === 'copy' && t.subject)
    .map((t) => qualifiedName(t.table));
  const schemaTables = checked.tables.map((t) => t.table);
  const links = subjectLinks(
    { schemas: [], extensions: [], enums: [], domains: [], sequences: [], views: [], tables: schemaTables },
    new Set(subjectTables),
  );
  const builder = new FingerprintBuilder(keyed);
  let rows = 0;
  let values = 0;
  for (const [name, columns] of personalColumnsOf(checked)) {
    const table = schemaTables.find((t) => qualifiedName(t) === name)!;
    const link = links.get(name);
    const select =
      `SELECT ${[...columns.map((c) => `t0.${quoteIdent(c.name)}`), ...(link?.keyColumns ?? [])].join(', ')} ` +
      `FROM ${quoteTable(table)} t0 ${link?.joins.join(' ') ?? ''}`;
    let tableRows = 0;
    for await (const fields of decodeRows(
      source.readQuery(select, `Fingerprinting ${name}`, request.signal),
    )) {
      const key = fields.slice(columns.length);
      const holder =
        link === undefined || key.some((k) => k === null)
          ? null
          : builder.subject(link.subjectTable, key.join('\t'));
      const personal = fields.slice(0, columns.length);
      for (const v of personal) if (v !== null) values++;
      fingerprintRow(builder, columns, personal, holder);
      tableRows++;
    }
    rows += tableRows;
    request.progress?.(name, tableRows);
  }
  return {
    index: builder.build(),
    subjectTables,
    rows,
    values,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
