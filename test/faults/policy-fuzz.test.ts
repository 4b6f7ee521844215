/**
 * Hostile policy files. The loader (`parsePolicy`, what `loadPolicyFile` runs on a file's text) and
 * the check against a real source's schema (`requireCoverage`) must end every input in one of two
 * ways: a policy whose transforms can be built, or a LeakproofError with a policy code and messages
 * that name a place in the policy. Never another exception type, never a hang.
 *
 * The inputs: random JSON and JS values written as YAML, random strings, soups of YAML tokens,
 * mutated copies of test/fixtures/kitchen-sink.policy.yaml, every path of that policy given a wrong
 * type, random options for every transform (from the policy's JSON Schema), alias bombs, circular
 * aliases, deep nesting, duplicate keys, odd tags and keys. Then a few whole `check`/`copy` runs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { mapArray } from '../../src/adapters/pg-array.js';
import { quoteIdent, quoteTable } from '../../src/adapters/postgres/postgres-identifiers.js';
import { Keyed } from '../../src/core/keyed.js';
import { LeakproofError } from '../../src/errors.js';
import { requireCoverage } from '../../src/policy/check-policy.js';
import { policyJsonSchema } from '../../src/policy/json-schema.js';
import { parsePolicy } from '../../src/policy/load-policy.js';
import type { DatabaseSchema } from '../../src/schema/model.js';
import { qualifiedName } from '../../src/schema/model.js';
import { transformNames } from '../../src/transforms/registry.js';
import { leakproof, TEST_KEY, tempDir } from '../support/cli.js';
import { emptyDatabase, kitchenSinkSource, withDatabase } from '../support/databases.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

const fixture = new URL('../fixtures/kitchen-sink.policy.yaml', import.meta.url);
/** A single case slower than this counts as a hang (a whole YAML parse takes well under 10 ms). */
const CASE_LIMIT_MS = 2_000;
const POLICY_CODES = new Set(['LP_POLICY_SYNTAX', 'LP_POLICY_INVALID', 'LP_POLICY_UNCOVERED']);

let source: string;
let schema: DatabaseSchema;
let validText: string;
let validObject: Record<string, unknown>;
/** The first row of every table in text form, to run the transforms of a valid policy once. */
const samples = new Map<string, Map<string, string | null>>();
const keyed = new Keyed(TEST_KEY);

/** How the cases ended, by outcome ('valid' or an error code), over the whole file. */
const outcomes = new Map<string, number>();
let cases = 0;

beforeAll(async () => {
  source = await kitchenSinkSource('postgres');
  validText = await readFile(fixture, 'utf8');
  validObject = parse(validText) as Record<string, unknown>;
  schema = await withDatabase(source, async (db) => {
    const introspected = await db.introspect();
    for (const table of introspected.tables) {
      const select = table.columns.map((c) => `${quoteIdent(c.name)}::text AS ${quoteIdent(c.name)}`);
      const [row] = await db.query<Record<string, string | null>>(
        `SELECT ${select.join(', ')} FROM ${quoteTable(table)} LIMIT 1`,
      );
      samples.set(qualifiedName(table), new Map(Object.entries(row ?? {})));
    }
    return introspected;
  });
});

/** Process warnings, caught as they are raised (Node only prints them a tick later). */
const warnings: string[] = [];
const emitWarning = process.emitWarning;
beforeAll(() => {
  process.emitWarning = ((warning: string | Error) => {
    warnings.push(String(warning));
  }) as typeof process.emitWarning;
});

afterAll(() => {
  process.emitWarning = emitWarning;
  // Ran only when the whole file ran: the number of cases this file promises.
  if (cases > 0) console.info(`policy fuzz: ${cases} cases`, Object.fromEntries(outcomes));
});

/** Fails (throws) unless `error` is a policy error whose lines name a place in the policy. */
function policyErrorCode(error: unknown): string {
  if (!(error instanceof LeakproofError)) {
    const what = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
    throw new Error(`not a LeakproofError: ${what.slice(0, 300)}`);
  }
  if (!POLICY_CODES.has(error.code)) throw new Error(`unexpected code ${error.code}: ${error.message}`);
  const lines = [error.message, ...error.details];
  for (const line of lines) {
    if (typeof line !== 'string' || line.length === 0) throw new Error(`empty line in ${error.code}`);
    if (/\[object \w+\]|received undefined/.test(line))
      throw new Error(`sloppy message: ${line.slice(0, 300)}`);
  }
  if (error.code === 'LP_POLICY_INVALID') {
    if (error.details.length === 0) throw new Error(`LP_POLICY_INVALID without details: ${error.message}`);
    // Each detail starts with the path into the file (and its line), then says what is wrong there.
    for (const detail of error.details) {
      if (!/^(\(top level\)|[^\s:].*?)( \(line \d+\))?: \S/s.test(detail))
        throw new Error(`a detail that names no place in the policy: ${detail.slice(0, 300)}`);
    }
  }
  return error.code;
}

/** Loads, checks and (when valid) builds and runs every transform; returns how it ended. */
function attempt(text: string): string {
  cases++;
  const started = performance.now();
  const warned = warnings.length;
  const outcome = attemptUntimed(text);
  const elapsed = performance.now() - started;
  if (elapsed > CASE_LIMIT_MS) throw new Error(`a case took ${Math.round(elapsed)} ms`);
  // A process warning goes to stderr past the error format, quoting the file (yaml warns so).
  if (warnings.length > warned) throw new Error(`a process warning: ${warnings.at(-1)?.slice(0, 200)}`);
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  return outcome;
}

function attemptUntimed(text: string): string {
  let checked: ReturnType<typeof requireCoverage>;
  try {
    checked = requireCoverage(parsePolicy(text, 'fuzz.yaml'), schema);
  } catch (error) {
    return policyErrorCode(error);
  }
  // A policy that passed the check must give transforms that can be built; running one on a real
  // value may fail only with LP_TRANSFORM (a value the decision cannot handle).
  for (const entry of checked.tables) {
    if (entry.kind !== 'copy') continue;
    const table = qualifiedName(entry.table);
    const row = samples.get(table) ?? new Map<string, string | null>();
    const values = { source: (c: string) => row.get(c) ?? null, written: (c: string) => row.get(c) ?? null };
    for (const { column, transform } of entry.columns) {
      if (transform.name === 'keep' || column.generatedExpr !== null) continue;
      const fn = transform.create({ table, column, keyed });
      const value = row.get(column.name) ?? null;
      if (value === null) continue;
      try {
        if (column.isArray && !transform.wholeValue) mapArray(value, (element) => fn(element, values));
        else fn(value, values);
      } catch (error) {
        if (!(error instanceof LeakproofError) || error.code !== 'LP_TRANSFORM') {
          const what = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
          throw new Error(`${transform.name} on ${table}.${column.name} threw ${what.slice(0, 300)}`);
        }
      }
    }
  }
  return 'valid';
}

/** YAML for any JS value; values yaml cannot write become their JSON or string form. */
function yamlOf(value: unknown, asJson = false): string {
  try {
    if (asJson) return JSON.stringify(value) ?? String(value);
    return stringify(value, { aliasDuplicateObjects: false }) ?? String(value);
  } catch {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const names = transformNames();
const oddNames = [
  '',
  ' ',
  'keep ',
  'Keep',
  'KEEP',
  'bsnn',
  'first_name',
  '__proto__',
  'constructor',
  'toString',
];
const transformName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...names) },
  { weight: 2, arbitrary: fc.constantFrom(...oddNames) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 5000 }) },
);

const hugeNumbers = [
  0,
  -0,
  1,
  -1,
  0.5,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 64,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
];
/** Number text YAML reads as a number (or as a huge one, or infinity, or NaN). */
const numberText = fc.constantFrom(
  '1e400',
  '-1e400',
  '.inf',
  '-.inf',
  '.nan',
  '0x7fffffffffffffffffff',
  '0o777777777777777777777777',
  '123456789012345678901234567890123456789',
  '-0',
  '1_000',
  '0.0000000000000000000000001',
);
const scalar = fc.oneof(
  fc.constantFrom(...hugeNumbers),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', 'skip', 'keep', 'true', 'null', '~', 'yes', 'no', '1', '2024-01-01', '[]', '{}'),
);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withBoxedValues: true,
      withObjectString: true,
    }),
  },
);

/** The option names and kinds every transform declares, from the policy's JSON Schema. */
const optionNames: string[] = (() => {
  const found = new Set<string>(['category']);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      if (properties) for (const key of Object.keys(properties)) found.add(key);
      Object.values(node).forEach(visit);
    }
  };
  const columns = (
    policyJsonSchema() as {
      properties: { tables: { additionalProperties: { oneOf: { properties?: { columns?: unknown } }[] } } };
    }
  ).properties.tables.additionalProperties.oneOf[1]?.properties?.columns;
  visit(columns);
  for (const skip of ['version', 'tables', 'subject', 'columns', 'transform']) found.delete(skip);
  return [...found].sort();
})();

const optionValue = fc.oneof(
  { weight: 4, arbitrary: scalar },
  {
    weight: 2,
    arbitrary: fc.constantFrom('id', 'bsn', 'first_name', 'last_name', 'email', 'postcode', ...names),
  },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.oneof(fc.constantFrom('a', 'a.b', 'a[].b', '*.email', '*', '[]', '.', 'a..b', ''), fc.string()),
      fc.oneof(
        transformName,
        fc.record({ transform: transformName }, { requiredKeys: [] }),
        fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
      ),
      { maxKeys: 4 },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);
const decision = fc.oneof(
  { weight: 3, arbitrary: transformName },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.option(transformName, { nil: undefined, freq: 8 }),
        fc.dictionary(fc.constantFrom(...optionNames), optionValue, { maxKeys: 4 }),
      )
      .map(([transform, options]) => (transform === undefined ? options : { transform, ...options })),
  },
  { weight: 1, arbitrary: anyValue },
);

/** Every column of test/fixtures/kitchen-sink.sql, so that random policies often name real ones. */
const kitchenSinkColumns = [
  ...['id', 'bsn', 'first_name', 'last_name', 'Full Name', 'email', 'phones', 'birth_date', 'mood'],
  ...['postcode', 'salary', 'score', 'active', 'profile', 'raw_profile', 'photo', 'external_id'],
  ...['last_ip', 'created_at', 'wake_up', 'tenure', 'manager_id', 'ticket'],
  ...['region', 'number', 'owner_bsn', 'select', 'üñí'],
];

/** Policies shaped like the kitchen-sink's: its tables and columns, random decisions. */
const shapedPolicy = fc
  .tuple(
    fc.oneof(fc.constant(1), fc.constant(1), fc.constant(1), scalar),
    fc.array(
      fc.tuple(
        fc.oneof(
          {
            weight: 8,
            arbitrary: fc.constantFrom('person', 'public.person', 'crm.account', 'crm.Odd Table'),
          },
          { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
        ),
        fc.oneof(
          { weight: 1, arbitrary: fc.constant('skip' as unknown) },
          {
            weight: 6,
            arbitrary: fc.record(
              {
                subject: fc.oneof(fc.boolean(), scalar),
                columns: fc.dictionary(
                  fc.oneof(
                    { weight: 6, arbitrary: fc.constantFrom(...kitchenSinkColumns) },
                    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
                  ),
                  decision,
                  { maxKeys: 30 },
                ),
              },
              { requiredKeys: ['columns'] },
            ),
          },
          { weight: 1, arbitrary: anyValue },
        ),
      ),
      { maxLength: 5 },
    ),
    fc.boolean(),
  )
  .map(([version, tables, asJson]) =>
    yamlOf({ version, tables: Object.fromEntries(tables) } as unknown, asJson),
  );

/** The kitchen-sink policy with one decision per column drawn at random (often a valid one). */
const variedKitchenSink = fc
  .array(fc.tuple(fc.nat(), decision), { minLength: 1, maxLength: 4 })
  .map((edits) => {
    const copy = structuredClone(validObject) as {
      tables: Record<string, { columns: Record<string, unknown> } | string>;
    };
    const slots = Object.values(copy.tables).flatMap((t) =>
      typeof t === 'string' ? [] : Object.keys(t.columns).map((c) => [t.columns, c] as const),
    );
    for (const [at, value] of edits) {
      const [columns, column] = slots[at % slots.length]!;
      columns[column] = value;
    }
    return yamlOf(copy);
  });

const yamlTokens = [
  'version',
  'tables',
  'columns',
  'subject',
  'transform',
  'skip',
  'keep',
  'bsn',
  'person',
  'crm.account',
  ': ',
  ':',
  '- ',
  '\n',
  '\n  ',
  '\n    ',
  '\n      ',
  '  ',
  '\t',
  '[',
  ']',
  '{',
  '}',
  ',',
  '? ',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '!!str ',
  '!!binary ',
  '!!set ',
  '!!map ',
  '!foo ',
  '!<tag:yaml.org,2002:int> ',
  '<<: ',
  '|',
  '>-',
  '#',
  "'",
  '"',
  '\\',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '%TAG ! tag:x,2000:\n',
  '1',
  '1e400',
  '.nan',
  'null',
  '~',
  '\u0000',
  '\uFEFF',
  '\r\n',
  '\uD800',
  'é',
];
const tokenSoup = fc.array(fc.constantFrom(...yamlTokens), { maxLength: 60 }).map((t) => t.join(''));

/** One random change to a text: cut, delete, insert, replace, duplicate or re-indent a line. */
const mutation = fc.oneof(
  fc.nat().map((at) => (t: string) => t.slice(0, at % (t.length + 1))),
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, n]) => (t: string) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + t.slice(i + n);
  }),
  fc
    .tuple(fc.nat(), fc.oneof(fc.constantFrom(...yamlTokens), fc.string({ maxLength: 5 })))
    .map(([at, s]) => (t: string) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + s + t.slice(i);
    }),
  fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 1 })).map(([at, c]) => (t: string) => {
    const i = at % Math.max(1, t.length);
    return t.slice(0, i) + c + t.slice(i + 1);
  }),
  fc.nat().map((at) => (t: string) => {
    const lines = t.split('\n');
    const i = at % lines.length;
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([at, shift]) => (t: string) => {
    const lines = t.split('\n');
    const i = at % lines.length;
    lines[i] = shift >= 0 ? ' '.repeat(shift) + lines[i] : lines[i]!.slice(-shift);
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
    const lines = t.split('\n');
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }),
);
const mutatedKitchenSink = fc
  .array(mutation, { minLength: 1, maxLength: 3 })
  .map((changes) => changes.reduce((text, change) => change(text), validText));

type Path = readonly (string | number)[];
function pathsOf(value: unknown, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => pathsOf(v, [...at, i])));
  if (value !== null && typeof value === 'object')
    return here.concat(Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}
function withAt(
  root: unknown,
  path: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  // Held in a wrapper, so that the top level itself can be replaced too.
  const holder: Record<string | number, unknown> = { root: structuredClone(root) };
  let parent = holder;
  const steps = ['root', ...path];
  for (const step of steps.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  change(parent, steps[steps.length - 1]!);
  return holder.root;
}

const wrongTypes: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  2 ** 64,
  true,
  '',
  'x',
  'skip',
  [],
  [1, 2],
  {},
  { a: 1 },
  'x'.repeat(20_000),
];

// ---------------------------------------------------------------------------------------------
// Hostile YAML, built as text

/** `levels` anchors, each a list of `fanOut` aliases of the one before: fanOut^levels nodes. */
function aliasBomb(levels: number, fanOut: number, indent: string): string {
  const lines = [`${indent}l0: &l0 [lol]`];
  for (let i = 1; i <= levels; i++)
    lines.push(`${indent}l${i}: &l${i} [${Array.from({ length: fanOut }, () => `*l${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

const hostile = fc.oneof(
  // Alias bombs at the top, in a table entry, as a column's options.
  fc
    .tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.nat({ max: 2 }))
    .map(([levels, fanOut, where]) => {
      if (where === 0) return `version: 1\ntables: {}\n${aliasBomb(levels, fanOut, '')}\n`;
      if (where === 1)
        return `version: 1\ntables:\n  person:\n    columns:\n${aliasBomb(levels, fanOut, '      ')}\n`;
      return `version: 1\ntables:\n  person:\n    columns:\n      bsn:\n        transform: json\n        paths:\n${aliasBomb(levels, fanOut, '          ')}\n`;
    }),
  // An alias that contains itself, at several places.
  fc.constantFrom(
    'version: 1\ntables: &t\n  person: *t\n',
    'version: 1\ntables:\n  person: &p\n    columns:\n      bsn: *p\n',
    'version: 1\ntables:\n  person:\n    columns:\n      profile: &j\n        transform: json\n        paths:\n          a: *j\n',
    'version: 1\ntables:\n  person:\n    columns:\n      profile: &j { transform: json, paths: { a: { transform: json, paths: { b: *j } } } }\n',
    '&root\nversion: 1\ntables: { person: *root }\n',
    'version: 1\ntables: &t [*t]\n',
    'a: &a [*a]\n',
  ),
  // Duplicate keys at every depth.
  fc.constantFrom(
    'version: 1\nversion: 1\ntables: {}\n',
    'version: 1\ntables: {}\ntables: {}\n',
    'version: 1\ntables:\n  person: skip\n  person: skip\n',
    'version: 1\ntables:\n  person:\n    columns:\n      id: keep\n      id: keep\n',
    'version: 1\ntables:\n  person:\n    columns:\n      birth_date: { transform: dateShift, maxDays: 1, maxDays: 2 }\n',
    'version: 1\ntables:\n  person:\n    subject: true\n    subject: false\n    columns: {}\n',
    'version: 1\ntables: { a: skip, "a": skip }\n',
    'version: 1\ntables: { 1: skip, "1": skip }\n',
    'version: 1\ntables: { person: skip, public.person: skip }\n',
  ),
  // Huge and odd numbers where numbers are expected.
  fc
    .tuple(fc.constantFrom('maxDays', 'length', 'minDays', 'digits', 'value'), numberText)
    .map(
      ([option, n]) =>
        `version: 1\ntables:\n  person:\n    columns:\n      birth_date: { transform: dateShift, ${option}: ${n} }\n`,
    ),
  numberText.map((n) => `version: ${n}\ntables: {}\n`),
  // Tags, merge keys, complex keys, prototype keys, odd bytes.
  fc.constantFrom(
    'version: !!int 1\ntables: !!map {}\n',
    'version: !!str 1\ntables: {}\n',
    'version: 1\ntables: !!set { person }\n',
    'version: 1\ntables: !!omap [ person: skip ]\n',
    'version: 1\ntables:\n  person: !!binary aGVsbG8=\n',
    'version: 1\ntables:\n  person: !foo skip\n',
    'version: !<tag:yaml.org,2002:float> 1\ntables: {}\n',
    'version: 1\ntables:\n  person:\n    columns:\n      created_at: !!timestamp 2001-12-14\n',
    'base: &b { transform: dateShift, maxDays: 9 }\nversion: 1\ntables:\n  person:\n    columns:\n      birth_date: { <<: *b }\n',
    'version: 1\ntables:\n  ? [person, x]\n  : skip\n',
    'version: 1\ntables:\n  ? { a: 1 }\n  : skip\n',
    'version: 1\n? [a]\n: b\ntables: {}\n',
    'version: 1\ntables:\n  __proto__: skip\n',
    'version: 1\ntables:\n  person:\n    columns:\n      __proto__: keep\n',
    'version: 1\ntables:\n  person:\n    columns:\n      constructor: keep\n      toString: keep\n',
    '__proto__: { version: 1 }\ntables: {}\n',
    'version: 1\ntables:\n  constructor: skip\n  prototype: skip\n',
    'version: 1\ntables:\n  person:\n    columns:\n      bsn: { transform: bsn, __proto__: { x: 1 } }\n',
    // Values zod cannot compare: a `length` whose toString/valueOf is no function (zod threw a TypeError).
    'version: 1\ntables:\n  person:\n    columns:\n      id:\n        length:\n          toString: {}\n',
    'version: 1\ntables:\n  person:\n    columns:\n      id: { transform: { length: { valueOf: 1, toString: 2 } } }\n',
    'version: 1\ntables:\n  person: { columns: { length: { toString: [] } } }\n',
    'version: 1\ntables:\n  person:\n    columns:\n      email: { transform: redact, value: { length: { toString: {} } } }\n',
    'version: 1\ntables:\n  person:\n    columns:\n      bsn: { transform: hash, length: { toString: {} }, alphabet: { length: { valueOf: {} } } }\n',
    'version: 1\ntables:\n  person:\n    columns:\n      profile: { transform: json, paths: { a: { transform: { length: { toString: {} } } }, b: { transform: email, domain: { length: { toString: 1 } } } } }\n',
    '\uFEFFversion: 1\r\ntables:\r\n  person: skip\r\n',
    'version: 1\ntables:\n\tperson: skip\n',
    'version: 1\u0000\ntables: {}\n',
    'version: 1\ntables:\n  "\uD800": skip\n',
    'version: 1\ntables: { "": skip, " ": skip, ".": skip, "..": skip, "a.": skip, ".a": skip }\n',
    'version: 1\ntables:\n  person:\n    columns:\n      "": keep\n',
    '---\nversion: 1\ntables: {}\n---\nversion: 1\ntables: {}\n',
    '%YAML 1.1\n---\nversion: 1\ntables: {}\n',
    '%YAML 9.9\n---\nversion: 1\ntables: {}\n',
    '*x\n',
    'version: 1\ntables: *nothing\n',
    'version: 1\ntables:\n  person:\n    columns:\n      bsn: *nothing\n',
    '',
    '\n\n\n',
    '#just a comment\n',
    '---\n',
    '...\n',
    'null\n',
    '[]\n',
    '"version: 1"\n',
  ),
);

/** Deep nesting costs yaml ~0.1 ms a level to parse: fewer of these. */
const deeplyNested = fc.oneof(
  // Deep nesting, in flow and block style, at the top and inside options.
  fc
    .tuple(fc.integer({ min: 1, max: 1500 }), fc.constantFrom('flow-seq', 'flow-map', 'block', 'in-option'))
    .map(([depth, kind]) => {
      if (kind === 'flow-seq') return `version: 1\ntables: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      if (kind === 'flow-map') return `version: 1\ntables: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
      if (kind === 'block')
        return `version: 1\ntables:\n${Array.from({ length: Math.min(depth, 600) }, (_, i) => `${' '.repeat(2 * i + 2)}a:`).join('\n')} 1\n`;
      return `version: 1\ntables:\n  person:\n    columns:\n      profile: { transform: json, paths: ${'{ a: { transform: json, paths: '.repeat(depth)}{}${' } }'.repeat(depth)} }\n`;
    }),
  // Deep nesting reached through a chain of aliases, each a few levels deeper than the last.
  fc.tuple(fc.integer({ min: 2, max: 99 }), fc.integer({ min: 1, max: 30 })).map(([links, per]) => {
    const lines = ['version: 1', 'tables: {}', 'x:', `  a0: &a0 ${'['.repeat(per)}1${']'.repeat(per)}`];
    for (let i = 1; i < links; i++)
      lines.push(`  a${i}: &a${i} ${'['.repeat(per)}*a${i - 1}${']'.repeat(per)}`);
    return `${lines.join('\n')}\n`;
  }),
);

// ---------------------------------------------------------------------------------------------

function run(arbitrary: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(
    fc.property(arbitrary, (text) => {
      attempt(text);
    }),
    { numRuns },
  );
}

describe('the policy loader and check under hostile input', () => {
  test('the kitchen-sink policy itself is valid (the fuzzing starts from a good policy)', () => {
    expect(attempt(validText)).toBe('valid');
  });

  test('random JSON values as YAML and as JSON', () => {
    run(
      fc.tuple(fc.jsonValue({ maxDepth: 6 }), fc.boolean()).map(([v, asJson]) => yamlOf(v, asJson)),
      1_500,
    );
  });

  test('random JS values of every kind as YAML', () => {
    run(
      anyValue.map((v) => yamlOf(v)),
      800,
    );
  });

  test('random strings and soups of YAML tokens', () => {
    run(fc.string({ unit: 'binary', maxLength: 200 }), 1_200);
    run(tokenSoup, 2_300);
  });

  test('policies shaped like a real one, with random tables, columns, decisions and options', () => {
    run(shapedPolicy, 1_000);
    run(variedKitchenSink, 1_000);
  });

  test('cut, edited, re-indented and shuffled copies of a valid policy', () => {
    run(mutatedKitchenSink, 1_200);
  });

  test('every path of a valid policy given a wrong type, deleted, or renamed', () => {
    const paths = pathsOf(validObject);
    // Every path × every wrong type, once, as YAML.
    for (const path of paths)
      for (const wrong of wrongTypes)
        attempt(
          yamlOf(
            withAt(validObject, path, (parent, key) => {
              parent[key] = wrong;
            }),
          ),
        );
    // Then at random: any value, a deletion, a renamed key.
    run(
      fc
        .tuple(fc.nat(paths.length - 1), fc.nat({ max: 2 }), anyValue, fc.string({ maxLength: 10 }))
        .map(([i, op, value, name]) =>
          yamlOf(
            withAt(validObject, paths[i]!, (parent, key) => {
              if (op === 0) parent[key] = value;
              else if (op === 1) delete parent[key];
              else if (!Array.isArray(parent)) {
                const moved = parent[key];
                delete parent[key];
                parent[name] = moved;
              }
            }),
          ),
        ),
      600,
    );
  });

  test('alias bombs, circular aliases, deep nesting, duplicate keys, huge numbers, odd tags and keys', () => {
    run(hostile, 700);
    run(deeplyNested, 80);
  });

  test('enough cases ran, and they reached every outcome', () => {
    expect(cases).toBeGreaterThanOrEqual(10_000);
    for (const outcome of ['valid', 'LP_POLICY_SYNTAX', 'LP_POLICY_INVALID', 'LP_POLICY_UNCOVERED'])
      expect(outcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(20);
  });
});

describe('a broken policy on the command line', () => {
  async function policyFile(text: string): Promise<string> {
    const file = join(await tempDir(), 'policy.yaml');
    await writeFile(file, text);
    return file;
  }
  const edit = (from: string, to: string) => {
    expect(validText).toContain(from);
    return validText.replace(from, to);
  };

  const broken: { name: string; text: () => string; expected: RegExp }[] = [
    {
      name: 'an option of the wrong type',
      text: () => edit('maxDays: 180 }', 'maxDays: lots }'),
      expected: /tables\.person\.columns\.birth_date \(line 14\): dateShift option maxDays/,
    },
    {
      name: 'subject that is not a boolean',
      text: () => edit('subject: true', 'subject: [true]'),
      expected: /tables\.person\.subject \(line 5\)/,
    },
    {
      name: 'a column decision that is a list',
      text: () => edit('      email: email\n', '      email: [email]\n'),
      expected: /tables\.person\.columns\.email \(line 12\): a column decision is/,
    },
    {
      name: 'an unknown transform',
      text: () => edit('      postcode: postcode\n', '      postcode: postcod\n'),
      expected:
        /tables\.person\.columns\.postcode \(line 16\): unknown transform 'postcod'; did you mean 'postcode'\?/,
    },
    {
      name: 'a wrong version',
      text: () => edit('version: 1', 'version: 1e400'),
      expected: /version \(line 2\)/,
    },
    {
      name: 'an alias bomb',
      text: () => `${validText}${aliasBomb(9, 9, '')}\n`,
      expected: /alias/i,
    },
    {
      name: 'an alias that contains itself',
      text: () => edit('      profile: json\n', '      profile: &p { transform: json, paths: { a: *p } }\n'),
      expected: /tables\.person\.columns\.profile/,
    },
  ];

  test.each(broken)(
    '$name: check and copy exit 2 naming where, and create nothing',
    async ({ text, expected }) => {
      const file = await policyFile(text());
      const check = await leakproof(['check', '--source', source, '--policy', file]);
      expect(check.stderr).toMatch(expected);
      expect(check.code).toBe(2);
      const target = await emptyDatabase('postgres');
      const copy = await leakproof([
        'copy',
        '--quiet',
        '--source',
        source,
        '--target',
        target,
        '--policy',
        file,
      ]);
      expect(copy.stderr).toMatch(expected);
      expect(copy.code).toBe(2);
      expect(copy.stderr).not.toMatch(/Internal error|LP_INTERNAL/);
      expect(await withDatabase(target, (db) => db.listUserRelations())).toEqual([]);
    },
  );
});
