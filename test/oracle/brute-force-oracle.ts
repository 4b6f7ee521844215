/**
 * A brute-force leak oracle that shares no code with `src/`: no detector, tokenizer, normalizer or
 * name list of the project. It reads the source and the target with `pg`, the policy with `yaml`,
 * and faker's locale data for names, and names every place in the target where the source's
 * personal data survived by these rules, which the leak check must meet or beat.
 *
 * Source side. In every column the policy does not keep (a table key without a schema means
 * `public.`; a decision is a transform name or `{ transform: name, … }`; every column of a `skip`
 * table, and of a table or column the policy does not list, counts as not kept), of a text-like type
 * (text, varchar, char, citext, json, jsonb, bytea, arrays of text types), take each value: a scalar
 * itself, each array element, every string and number leaf and every object key of JSON, a bytea
 * decoded as UTF-8 (U+FFFD for invalid bytes) and, as a second text, as Latin-1. Fold each: NFKD,
 * combining marks (\p{M}) removed, lower case, trimmed, white space collapsed to one space.
 *   a) A folded value of at least 5 characters with at least one letter, held by at most 3 rows of
 *      its column. Values of digits and separators only go through rule b instead: as whole values
 *      they would need the same grouping in the target (`06-12345678` would not meet
 *      `0612345678`), while their digits are what identifies.
 *   b) Digit runs inside any value, after its calendar dates are blanked: digit groups joined by
 *      1–3 of space, tab, `.`, `/`, `(`, `)`, `-`, with an optional leading `+` or `(`, of at least
 *      7 digits; a run of more than 9 digits is keyed by its last 9 (a country prefix or a leading
 *      0 then does not matter). Keys held by at most 3 rows of their column. A date
 *      (yyyy-m(m)-d(d) or d(d)-m(m)-yyyy with any of space, `.`, `/`, `-` between, month 1–12, day
 *      1–31, year 1900–2099, no digit or `+` before it nor a digit after it, and an
 *      `hh:mm(:ss(.fff))` after it) is replaced by `#`s first: as a key, a date would meet every
 *      kept date column that happens to hold the same day (an order date, a created-at), and a date
 *      is personal only in combination with a name, which the check's combinations cover.
 *   c) A value that is a single word in faker's first-, middle- or last-name lists of any locale (a
 *      common name says nothing alone) counts only as a pair with another such single listed word
 *      from a different column of the same source row; a pair held by at most 3 rows of the table.
 *
 * Target side. Every value of every column of every table (cast to text; JSON also each leaf and
 * key; arrays each element; bytea decoded as above), folded the same way.
 *   a) A source value is found where it occurs with a word boundary before and after it: the text's
 *      edge or a character that is not a Unicode letter or digit (so `_`, `.`, `@` and `%` are
 *      boundaries: `paspoort_jansen_43.pdf` holds `jansen`).
 *   b) Every digit run of the target, extracted and keyed the same way but with dates left as they
 *      are (a source phone number written like a date is still that phone number), is looked up.
 *   c) A pair is found when both of its words occur at word boundaries in one target row, in any
 *      columns.
 * Each target table.column is reported once per kind and source column, with one masked sample.
 *
 * The search is brute force but linear in the target's text: source values are bucketed by their
 * leading word (see `needle-index.ts`), digit keys and pairs are hash lookups.
 */
import { blankDates, digitRuns } from './digit-runs.js';
import { characterCount, fold, hasLetter } from './fold.js';
import { listedNames } from './name-lists.js';
import { NeedleIndex } from './needle-index.js';
import {
  listTables,
  type OracleColumn,
  type OracleTable,
  readRows,
  tableName,
  withClient,
} from './oracle-database.js';
import { maskSample } from './oracle-mask.js';
import { keptColumns } from './oracle-policy.js';
import { targetTexts, valueTexts } from './value-texts.js';

export type OracleKind = 'value' | 'digits' | 'pair';

export interface OracleFinding {
  /** `schema.table` of the target. */
  readonly table: string;
  /** The target column; for a pair, the columns its two words were found in, joined by `+`. */
  readonly column: string;
  readonly kind: OracleKind;
  /** `schema.table` of the source the value came from. */
  readonly sourceTable: string;
  /** The source column; for a pair, its two columns joined by `+`. */
  readonly sourceColumn: string;
  /** One of the source values found, folded and masked (a pair: each word masked). */
  readonly sample: string;
  /** Target rows in which a value of this finding was found. */
  readonly rows: number;
  /** Distinct source values (digit keys, pairs) found there. */
  readonly values: number;
}

/** At most this many rows of a source column (a table, for pairs) may hold a value for it to count. */
export const MAX_HOLDERS = 3;

interface SourceRef {
  readonly table: string;
  readonly column: string;
}

interface Fingerprints {
  readonly values: NeedleIndex<readonly SourceRef[]>;
  readonly digits: ReadonlyMap<string, readonly SourceRef[]>;
  readonly pairWords: NeedleIndex<string>;
  /** word → other word → where the pair came from. */
  readonly pairs: ReadonlyMap<string, ReadonlyMap<string, readonly SourceRef[]>>;
}

const isTextLike = (c: OracleColumn) => c.kind !== 'other' && (!c.isArray || c.kind === 'text');

function bump(counts: Map<string, number>, keys: Iterable<string>): void {
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
}

function addRef<K>(map: Map<K, SourceRef[]>, key: K, ref: SourceRef): void {
  const refs = map.get(key);
  if (refs) refs.push(ref);
  else map.set(key, [ref]);
}

async function fingerprintSource(sourceUrl: string, policyYaml: string): Promise<Fingerprints> {
  const policy = keptColumns(policyYaml);
  const names = listedNames();
  const values = new Map<string, SourceRef[]>();
  const digits = new Map<string, SourceRef[]>();
  const pairRefs = new Map<string, SourceRef[]>();
  await withClient(sourceUrl, async (client) => {
    for (const table of await listTables(client)) {
      const columns = table.columns.filter(
        (c) => isTextLike(c) && !policy.isKept(table.schema, table.name, c.name),
      );
      if (columns.length === 0) continue;
      const valueCounts = columns.map(() => new Map<string, number>());
      const digitCounts = columns.map(() => new Map<string, number>());
      // pair key (two words, sorted, NUL-joined) → rows holding it, and the column pairs seen.
      const pairCounts = new Map<string, number>();
      const pairColumns = new Map<string, Set<string>>();
      for (const row of await readRows(client, table, columns)) {
        const words: { column: number; word: string }[] = [];
        columns.forEach((column, i) => {
          const rowValues = new Set<string>();
          const rowDigits = new Set<string>();
          const rowWords = new Set<string>();
          for (const text of valueTexts(row[i] ?? null, column)) {
            const folded = fold(text);
            if (folded.length === 0) continue;
            if (!folded.includes(' ') && names.has(folded)) rowWords.add(folded);
            else if (characterCount(folded) >= 5 && hasLetter(folded)) rowValues.add(folded);
            for (const key of digitRuns(blankDates(folded))) rowDigits.add(key);
          }
          bump(valueCounts[i] as Map<string, number>, rowValues);
          bump(digitCounts[i] as Map<string, number>, rowDigits);
          for (const word of rowWords) words.push({ column: i, word });
        });
        const rowPairs = new Set<string>();
        for (const a of words)
          for (const b of words) {
            if (a.column >= b.column || a.word === b.word) continue;
            const [first, second] = a.word < b.word ? [a, b] : [b, a];
            const key = `${first.word}\u0000${second.word}`;
            rowPairs.add(key);
            let seen = pairColumns.get(key);
            if (!seen) {
              seen = new Set();
              pairColumns.set(key, seen);
            }
            seen.add(`${columns[first.column]?.name}+${columns[second.column]?.name}`);
          }
        bump(pairCounts, rowPairs);
      }
      const source = tableName(table);
      columns.forEach((column, i) => {
        for (const [value, n] of valueCounts[i] ?? [])
          if (n <= MAX_HOLDERS) addRef(values, value, { table: source, column: column.name });
        for (const [key, n] of digitCounts[i] ?? [])
          if (n <= MAX_HOLDERS) addRef(digits, key, { table: source, column: column.name });
      });
      for (const [key, n] of pairCounts)
        if (n <= MAX_HOLDERS)
          for (const column of pairColumns.get(key) ?? []) addRef(pairRefs, key, { table: source, column });
    }
  });
  const valueIndex = new NeedleIndex<readonly SourceRef[]>();
  for (const [value, refs] of values) valueIndex.add(value, refs);
  const pairWords = new NeedleIndex<string>();
  const pairs = new Map<string, Map<string, SourceRef[]>>();
  for (const [key, refs] of pairRefs) {
    const [a, b] = key.split('\u0000') as [string, string];
    for (const [word, other] of [
      [a, b],
      [b, a],
    ] as const) {
      let partners = pairs.get(word);
      if (!partners) {
        partners = new Map();
        pairs.set(word, partners);
        pairWords.add(word, word);
      }
      partners.set(other, refs);
    }
  }
  return { values: valueIndex, digits, pairWords, pairs };
}

/** A pair is held with its words NUL-joined; its sample masks each word. */
function sampleOf(kind: OracleKind, value: string): string {
  return kind === 'pair' ? value.split('\u0000').map(maskSample).join(' + ') : maskSample(value);
}

/** Findings once per target table.column, kind and source column, counting rows and values. */
class Findings {
  readonly #found = new Map<string, { first: OracleFinding; values: Set<string>; rows: number }>();
  #row = new Set<string>();

  nextRow(): void {
    this.#row = new Set();
  }

  /** `value` (in memory only) is what was found; the finding shows the first one, masked. */
  add(table: string, column: string, kind: OracleKind, ref: SourceRef, value: string): void {
    const key = JSON.stringify([table, column, kind, ref.table, ref.column]);
    let entry = this.#found.get(key);
    if (!entry) {
      const first = {
        table,
        column,
        kind,
        sourceTable: ref.table,
        sourceColumn: ref.column,
        sample: sampleOf(kind, value),
        rows: 0,
        values: 0,
      };
      entry = { first, values: new Set(), rows: 0 };
      this.#found.set(key, entry);
    }
    entry.values.add(value);
    if (!this.#row.has(key)) {
      this.#row.add(key);
      entry.rows++;
    }
  }

  list(): OracleFinding[] {
    return [...this.#found.values()]
      .map(({ first, values, rows }) => ({ ...first, rows, values: values.size }))
      .sort(
        (x, y) =>
          x.table.localeCompare(y.table) ||
          x.column.localeCompare(y.column) ||
          x.kind.localeCompare(y.kind) ||
          x.sourceTable.localeCompare(y.sourceTable) ||
          x.sourceColumn.localeCompare(y.sourceColumn),
      );
  }
}

function scanTable(
  table: OracleTable,
  rows: (string | Buffer | null)[][],
  prints: Fingerprints,
  out: Findings,
) {
  const target = tableName(table);
  for (const row of rows) {
    out.nextRow();
    // Listed name words found in this row, with the first column each was found in.
    const words = new Map<string, string>();
    table.columns.forEach((column, i) => {
      for (const text of targetTexts(row[i] ?? null, column)) {
        const folded = fold(text);
        if (folded.length === 0) continue;
        prints.values.search(folded, (refs, value) => {
          for (const ref of refs) out.add(target, column.name, 'value', ref, value);
        });
        for (const key of digitRuns(folded))
          for (const ref of prints.digits.get(key) ?? []) out.add(target, column.name, 'digits', ref, key);
        prints.pairWords.search(folded, (word) => {
          if (!words.has(word)) words.set(word, column.name);
        });
      }
    });
    for (const [word, column] of words)
      for (const [other, refs] of prints.pairs.get(word) ?? new Map<string, readonly SourceRef[]>()) {
        const otherColumn = words.get(other);
        if (otherColumn === undefined || other < word) continue;
        const columns = [...new Set([column, otherColumn])].sort().join('+');
        for (const ref of refs) out.add(target, columns, 'pair', ref, `${word}\u0000${other}`);
      }
  }
}

/** Every place in the target where a value of the source survived, by the rules above. */
export async function bruteForceOracle(
  sourceUrl: string,
  targetUrl: string,
  policyYaml: string,
): Promise<OracleFinding[]> {
  const prints = await fingerprintSource(sourceUrl, policyYaml);
  const out = new Findings();
  await withClient(targetUrl, async (client) => {
    for (const table of await listTables(client))
      scanTable(table, await readRows(client, table, table.columns), prints, out);
  });
  return out.list();
}

/** One line per finding (table.column, kind, source column, masked sample), for a failure message. */
export function describeFindings(findings: readonly OracleFinding[], limit = 40): string {
  const lines = findings
    .slice(0, limit)
    .map(
      (f) =>
        `${f.table}.${f.column} [${f.kind}] from ${f.sourceTable}.${f.sourceColumn}: ${f.sample} ` +
        `(${f.values} value(s) in ${f.rows} row(s))`,
    );
  if (findings.length > limit) lines.push(`… and ${findings.length - limit} more`);
  return lines.join('\n');
}
