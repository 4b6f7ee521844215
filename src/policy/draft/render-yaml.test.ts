import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { type DraftPolicy, draftPolicy } from './draft-policy.js';
import { renderPolicyYaml } from './render-yaml.js';
import { col, database, table } from './test-support-schema.js';

const header = { source: 'postgres://h/db', generatedAt: '2026-11-27' };

describe('renderPolicyYaml', () => {
  it('never writes a password, whichever way the URL carries it', () => {
    const empty: Pick<DraftPolicy, 'tables'> = { tables: [] };
    for (const source of [
      'postgres://u:pw-one@h/db',
      'postgresql://h/db?user=u&password=pw-two',
      'not a url //u:pw-three@h',
    ]) {
      const text = renderPolicyYaml(empty, { source, generatedAt: 'today' });
      expect(text).not.toMatch(/pw-/);
      expect(parse(text)).toEqual({ version: 1, tables: {} });
    }
  });

  it('keeps comments on one line whatever the reason or header holds', () => {
    const draft: Pick<DraftPolicy, 'tables'> = {
      tables: [
        {
          schema: 's',
          name: 't',
          subject: false,
          subjectReason: '',
          columns: [
            { name: 'c', decision: { transform: 'keep', reason: 'two\nlines\u2028here', personal: false } },
          ],
        },
      ],
    };
    const text = renderPolicyYaml(draft, { source: 'x', generatedAt: '2026\nversion: 2' });
    expect(parse(text)).toEqual({ version: 1, tables: { 's.t': { columns: { c: 'keep' } } } });
    expect(text).toContain('# two lines here');
  });

  it('writes option values of every kind so they parse back', () => {
    const options = { value: "it's: #1", n: 1.5, flag: true, none: null, list: ['a', 'b'] };
    const draft: Pick<DraftPolicy, 'tables'> = {
      tables: [
        {
          schema: 's',
          name: 't',
          subject: false,
          subjectReason: '',
          columns: [{ name: 'c', decision: { transform: 'redact', options, reason: 'r', personal: true } }],
        },
      ],
    };
    expect(parse(renderPolicyYaml(draft, header)).tables['s.t'].columns.c).toEqual({
      transform: 'redact',
      ...options,
    });
  });

  const odd = [
    'First Name',
    "o'brien",
    'e"mail',
    'Ünïcødé 名前',
    'select',
    'true',
    'NULL',
    'Yes',
    '123',
    '1e3',
    'with: colon',
    '#hash',
    'line\nbreak',
    'tab\there',
    ' lead',
    'trail ',
    '-dash',
    '[x]',
    '{y}',
    '*star',
    '&amp',
    '!bang',
    '%pct',
    '@at',
    '`tick',
    '?q',
    '<<',
    'BSN',
    'back\\slash',
    '',
  ];
  it('quotes odd identifiers so they read back unchanged', () => {
    const s = database([
      table(
        'My Schema.Odd: Table',
        odd.map((name) => col(name, 'text')),
      ),
    ]);
    const d = draftPolicy(s, () => []);
    const text = renderPolicyYaml(d, header);
    expect(columnNames(text, 'My Schema.Odd: Table')).toEqual(odd);
    // Options may name other (odd) columns too: links within the row read back unchanged as well.
    const columns = Object.fromEntries(
      d.tables[0]!.columns.map((c) => [
        c.name,
        c.decision.options === undefined
          ? c.decision.transform
          : { transform: c.decision.transform, ...c.decision.options },
      ]),
    );
    expect(parse(text)).toEqual({
      version: 1,
      tables: { 'My Schema.Odd: Table': { subject: true, columns } },
    });
  });

  it('quotes any column name so it reads back unchanged', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        (names) => {
          const d = draftPolicy(
            database([
              table(
                's.t',
                names.map((name) => col(name, 'text')),
              ),
            ]),
            () => [],
          );
          expect(columnNames(renderPolicyYaml(d, { source: 'x', generatedAt: 'y' }), 's.t')).toEqual(names);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Column keys in file order (a Map, since objects put integer-like keys first). */
function columnNames(text: string, tableKey: string): unknown[] {
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors).toEqual([]);
  const root = doc.toJS({ mapAsMap: true }) as Map<string, Map<string, Map<string, Map<unknown, unknown>>>>;
  return [...root.get('tables')!.get(tableKey)!.get('columns')!.keys()];
}
