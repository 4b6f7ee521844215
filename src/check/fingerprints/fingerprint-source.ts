/**
 * Reads the source's personal values, as the policy names them (every column it does not keep),
 * inside the caller's snapshot, and turns them into fingerprints: keyed digests, each traced to
 * the people (rows of `subject: true` tables) who hold it. No value is kept in memory beyond the
 * row being read.
 */
import type { DatabaseAdapter } from '../../adapters/adapter.js';
import { decodeField, NULL_FIELD } from '../../adapters/copy-text.js';
import type { Keyed } from '../../core/keyed.js';
import { measuresSinglingOut, SinglingOutMeter } from '../../core/singling-out.js';
import type { CheckedPolicy } from '../../policy/check-policy.js';
import { qualifiedName } from '../../schema/model.js';
// Loads the name lists the row scanner asks about (`knownNames`).
import '../../transforms/names.js';

import { subjectLinks } from '../../schema/subject-links.js';
import { holdsFreeText } from '../matching/value-texts.js';
import { FingerprintBuilder, type FingerprintIndex } from './fingerprint-index.js';
import { FingerprintPool } from './fingerprint-pool.js';
import { fingerprintRow } from './fingerprint-row.js';
import { type PersonalColumn, personalColumn } from './personal-columns.js';

export interface FingerprintOutcome {
  readonly index: FingerprintIndex;
  readonly subjectTables: readonly string[];
  /** Rows and non-null personal values read. */
  readonly rows: number;
  readonly values: number;
  readonly seconds: number;
  /** Kept columns that single people out (most values belong to one person), with the reason. */
  readonly keptIdentifiers: readonly KeptIdentifier[];
}

export interface KeptIdentifier {
  readonly table: string;
  readonly column: string;
  readonly reason: string;
}

export interface FingerprintRequest {
  readonly source: DatabaseAdapter;
  readonly checked: CheckedPolicy;
  readonly keyed: Keyed;
  readonly progress?: (table: string, rows: number) => void;
  readonly signal?: AbortSignal;
  /** Threads that fingerprint, the main thread included (`--jobs`); 1 by default. */
  readonly jobs?: number;
}

const namePart = (p: PersonalColumn['part']) => p === 'first' || p === 'last' || p === 'fullName';

/**
 * The personal columns of each table, by the policy's decisions. A `skip` table's text columns
 * count too (its rows are not copied, but another table may repeat them), as values nobody
 * decided on. Names are people's names only in tables that lead to people (`peopleTables`) or
 * where the policy says so (`category: name`): a name column of a table of songs names no one.
 */
export function personalColumnsOf(
  checked: CheckedPolicy,
  peopleTables: ReadonlySet<string> = new Set(),
): Map<string, PersonalColumn[]> {
  const out = new Map<string, PersonalColumn[]>();
  for (const entry of checked.tables) {
    const table = qualifiedName(entry.table);
    const columns =
      entry.kind === 'skip'
        ? entry.table.columns.flatMap((column) => {
            const personal = holdsFreeText(column.category) ? personalColumn('redact', column) : null;
            return personal === null ? [] : [personal];
          })
        : entry.columns.flatMap(({ column, decision }) => {
            const personal = personalColumn(decision.transform, column, decision.category);
            if (personal === null) return [];
            const people = peopleTables.has(table) || decision.category === 'name';
            return [namePart(personal.part) && !people ? { ...personal, part: null } : personal];
          });
    if (columns.length > 0) out.set(table, columns);
  }
  return out;
}

/** Kept columns of tables that lead to people, to be measured for singling people out. */
function measuredColumnsOf(checked: CheckedPolicy, peopleTables: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const entry of checked.tables) {
    const table = qualifiedName(entry.table);
    if (entry.kind === 'skip' || !peopleTables.has(table)) continue;
    const columns = entry.columns
      .filter(
        ({ column, decision }) =>
          decision.transform === 'keep' &&
          decision.identifying !== false &&
          measuresSinglingOut(entry.table, column),
      )
      .map(({ column }) => column.name);
    if (columns.length > 0) out.set(table, columns);
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
    {
      dialect: 'postgres',
      schemas: [],
      extensions: [],
      enums: [],
      domains: [],
      sequences: [],
      views: [],
      tables: schemaTables,
    },
    new Set(subjectTables),
  );
  const peopleTables = new Set(links.keys());
  const measured = measuredColumnsOf(checked, peopleTables);
  const keptIdentifiers: KeptIdentifier[] = [];
  const builder = new FingerprintBuilder(keyed);
  let rows = 0;
  let values = 0;
  const personal = personalColumnsOf(checked, peopleTables);
  const tables = [...new Set([...personal.keys(), ...measured.keys()])];
  const pool = new FingerprintPool(keyed, Math.max(0, (request.jobs ?? 1) - 1));
  try {
    for (const [t, name] of tables.entries()) {
      const columns = personal.get(name) ?? [];
      const kept = measured.get(name) ?? [];
      const table = schemaTables.find((s) => qualifiedName(s) === name)!;
      const link = links.get(name);
      const ids = columns.map((c) => builder.column(`${name}.${c.name}`));
      pool.table(t, columns, ids);
      const meters = kept.map(() => new SinglingOutMeter());
      const read = { table, columns: [...columns.map((c) => c.name), ...kept], ...(link ? { link } : {}) };
      let tableRows = 0;
      const keyAt = columns.length + kept.length;
      for await (const chunk of source.readLinked(read, `Fingerprinting ${name}`, request.signal)) {
        // The main thread numbers the holders (so people are numbered in one order) and measures;
        // the fingerprints of the rows are made here or by a worker, whichever has room.
        const here = columns.length > 0 && !pool.hasRoom();
        const lines = chunk.toString('utf8').split('\n');
        lines.pop(); // a chunk ends with a newline
        const holders = new Uint32Array(lines.length);
        lines.forEach((line, i) => {
          const raw = line.split('\t');
          const key = raw.slice(keyAt).map(decodeField);
          const subjectKey = link === undefined || key.some((k) => k === null) ? null : key.join('\t');
          const holder = subjectKey === null ? null : builder.subject(link!.subjectTable, subjectKey);
          for (let c = 0; c < columns.length; c++) if (raw[c] !== NULL_FIELD) values++;
          if (columns.length > 0) {
            // One holder for the whole row: a row without a subject counts once per fingerprint.
            holders[i] = holder ?? builder.unlinkedRow();
            if (here)
              fingerprintRow(
                builder,
                columns,
                raw.slice(0, columns.length).map(decodeField),
                holders[i]!,
                ids,
              );
          }
          if (subjectKey !== null)
            meters.forEach((meter, k) => {
              const value = decodeField(raw[columns.length + k] ?? NULL_FIELD);
              if (value !== null) meter.add(value, subjectKey);
            });
        });
        tableRows += lines.length;
        if (columns.length > 0 && !here) pool.send(t, chunk, holders);
      }
      meters.forEach((meter, k) => {
        if (meter.verdict().identifying)
          keptIdentifiers.push({ table: name, column: kept[k]!, reason: meter.reason() });
      });
      rows += tableRows;
      request.progress?.(name, tableRows);
    }
    await pool.finish(builder);
  } finally {
    await pool.close();
  }
  return {
    index: builder.build(),
    subjectTables,
    rows,
    values,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    keptIdentifiers,
  };
}
