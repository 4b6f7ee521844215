import { describe, expect, it } from 'vitest';
import { LeakproofError } from '../errors.js';
import { checkCoverage } from '../policy/check-policy.js';
import { col, database, table } from '../policy/draft/test-support-schema.js';
import { parsePolicy } from '../policy/load-policy.js';
import { applyDecision, parseOptions, readDecisions } from './policy-edit.js';

// As `init` writes a policy: a header comment, aligned reasons, a flow map, a skipped table.
const policy = [
  '# Leakproof policy drafted by `leakproof init` from pglite:/tmp/x on 2026-12-01.',
  '# Every column of every table needs a decision; review the proposals before use.',
  'version: 1',
  'tables:',
  '  public.person:',
  '    subject: true                               # rows are people (has a BSN)',
  '    columns:',
  '      id: keep                                  # primary key, not personal',
  '      bsn: bsn                                  # name says BSN',
  '      date_of_birth: { transform: dateShift, maxDays: 180 }  # date of birth',
  '      city: keep                                # name says city',
  '',
  '      # a hand-written note before the last column',
  '      note: scrub',
  '  audit.log: skip                               # nothing of use in a test copy',
  '',
].join('\n');

const schema = database([
  table(
    'public.person',
    [
      col('id', 'integer'),
      col('bsn', 'text'),
      col('date_of_birth', 'date'),
      col('city', 'text'),
      col('note', 'text'),
    ],
    { primaryKey: ['id'] },
  ),
  table('audit.log', [col('id', 'integer')]),
]);

/** The lines of `after` that differ from `before`, as [index, old, new]; the files have equal length. */
function changedLines(before: string, after: string): [number, string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[i, line, b[i]!] as [number, string, string]]));
}

function loaderProblems(text: string): string[] {
  return [...checkCoverage(parsePolicy(text, 'p.yaml'), schema).problems];
}

describe('applyDecision', () => {
  it('changes only the edited line and keeps its comment in its column', () => {
    const after = applyDecision(policy, {
      table: 'public.person',
      column: 'city',
      transform: 'city',
      options: '',
    });
    expect(changedLines(policy, after)).toEqual([
      [
        10,
        '      city: keep                                # name says city',
        '      city: city                                # name says city',
      ],
    ]);
    expect(loaderProblems(after)).toEqual([]);
  });

  it('writes options as init does and brings a pushed-out comment back to its column', () => {
    const after = applyDecision(policy, {
      table: 'public.person',
      column: 'date_of_birth',
      transform: 'dateShift',
      options: 'maxDays: 30',
    });
    expect(changedLines(policy, after)).toEqual([
      [
        9,
        '      date_of_birth: { transform: dateShift, maxDays: 180 }  # date of birth',
        '      date_of_birth: { transform: dateShift, maxDays: 30 }  # date of birth',
      ],
    ]);
    const shorter = applyDecision(policy, {
      table: 'public.person',
      column: 'date_of_birth',
      transform: 'keep',
      options: '',
    });
    expect(shorter.split('\n')[9]).toBe('      date_of_birth: keep                       # date of birth');
    const loaded = parsePolicy(after, 'p.yaml').tables.get('public.person');
    expect(loaded?.kind === 'copy' && loaded.columns.get('date_of_birth')?.options).toEqual({ maxDays: 30 });
  });

  it('keeps every comment, the key order and the rest of the file byte for byte', () => {
    let text = policy;
    text = applyDecision(text, { table: 'public.person', column: 'bsn', transform: 'null', options: '' });
    text = applyDecision(text, {
      table: 'public.person',
      column: 'note',
      transform: 'redact',
      options: "{ value: '' }",
    });
    expect(changedLines(policy, text).map(([i]) => i)).toEqual([8, 13]);
    for (const line of policy.split('\n').filter((l) => l.includes('#')))
      expect(text).toContain(line.slice(line.indexOf('#')));
    expect(text.split('\n')[8]).toBe("      bsn: 'null'                               # name says BSN");
    expect(text.split('\n')[13]).toBe("      note: { transform: redact, value: '' }");
    const columns = parsePolicy(text, 'p.yaml').tables.get('public.person');
    expect(columns?.kind === 'copy' && [...columns.columns.keys()]).toEqual([
      'id',
      'bsn',
      'date_of_birth',
      'city',
      'note',
    ]);
  });

  it('replaces the comment when the page gives a new one, and only then', () => {
    const same = applyDecision(policy, {
      table: 'public.person',
      column: 'city',
      transform: 'city',
      options: '',
      comment: 'name says city',
    });
    expect(same.split('\n')[10]).toContain('# name says city');
    const changed = applyDecision(policy, {
      table: 'public.person',
      column: 'city',
      transform: 'keep',
      options: '',
      comment: 'only three cities\nin the data',
    });
    expect(changedLines(policy, changed)).toEqual([
      [
        10,
        '      city: keep                                # name says city',
        '      city: keep                                # only three cities in the data',
      ],
    ]);
  });

  it('adds a column the policy lacks after the table’s last one, and a missing table at the end', () => {
    const without = policy.replace('      city: keep                                # name says city\n', '');
    expect(checkCoverage(parsePolicy(without, 'p.yaml'), schema).uncovered).toEqual(['public.person.city']);
    const added = applyDecision(without, {
      table: 'public.person',
      column: 'city',
      transform: 'city',
      options: '',
    });
    expect(added.split('\n')[13]).toBe('      city: city');
    expect(added.replace('      city: city\n', '')).toBe(without);
    expect(checkCoverage(parsePolicy(added, 'p.yaml'), schema).uncovered).toEqual([]);

    const noAudit = policy.replace(/ {2}audit\.log: skip.*\n/, '');
    const withAudit = applyDecision(noAudit, {
      table: 'audit.log',
      column: 'id',
      transform: 'keep',
      options: '',
      comment: 'a number',
    });
    expect(withAudit.slice(noAudit.length)).toBe(
      '  audit.log:\n    columns:\n      id: keep                                  # a number\n',
    );
    expect(loaderProblems(withAudit)).toEqual([]);
  });

  it('turns a hand-written block map into the one-line form', () => {
    const block = policy.replace(
      '      date_of_birth: { transform: dateShift, maxDays: 180 }  # date of birth\n',
      '      date_of_birth:\n        transform: dateShift\n        maxDays: 180\n',
    );
    const after = applyDecision(block, {
      table: 'public.person',
      column: 'date_of_birth',
      transform: 'dateShift',
      options: 'maxDays: 9',
    });
    expect(after).toBe(
      block.replace(
        '      date_of_birth:\n        transform: dateShift\n        maxDays: 180\n',
        '      date_of_birth: { transform: dateShift, maxDays: 9 }\n',
      ),
    );
  });

  it('gives a wrong option to the loader, whose message names it with its line', () => {
    const after = applyDecision(policy, {
      table: 'public.person',
      column: 'date_of_birth',
      transform: 'dateShift',
      options: 'maxDays: 180, maxDayz: 3',
    });
    // The same text written by hand gets the same message: the edit adds no validation of its own.
    const byHand = policy.replace('maxDays: 180 }', 'maxDays: 180, maxDayz: 3 }');
    expect(after).toBe(byHand);
    expect(loaderProblems(after)).toEqual([
      'tables.public.person.columns.date_of_birth (line 10): dateShift: Unrecognized key: "maxDayz"',
    ]);
  });

  it('refuses to decide a column of a skipped table', () => {
    expect(() =>
      applyDecision(policy, { table: 'audit.log', column: 'id', transform: 'keep', options: '' }),
    ).toThrow(/skips audit\.log/);
  });
});

describe('parseOptions', () => {
  it('reads the inside of a flow map, with or without braces, and never a second line', () => {
    expect(parseOptions('')).toEqual({});
    expect(parseOptions('maxDays: 9, category: dateOfBirth')).toEqual({
      maxDays: 9,
      category: 'dateOfBirth',
    });
    expect(parseOptions('{ value: "a: b" }')).toEqual({ value: 'a: b' });
    const written = applyDecision(policy, {
      table: 'public.person',
      column: 'note',
      transform: 'redact',
      options: 'value: "x\\n  other: 1"',
    });
    expect(written.split('\n')).toHaveLength(policy.split('\n').length);
  });

  it('refuses what is not a map, and a transform among the options', () => {
    for (const field of ['[1, 2]', 'maxDays: 9 }, { a: 1', '{ a: 1 }: 2', 'a: [']) {
      expect(() => parseOptions(field), field).toThrow(LeakproofError);
    }
    expect(() => parseOptions('transform: keep')).toThrow(/transform/);
  });
});

describe('readDecisions', () => {
  it('gives each decision as written with its line comment', () => {
    const read = readDecisions(policy);
    const person = read.get('public.person');
    expect(person?.key).toBe('public.person');
    expect(person?.columns.get('date_of_birth')).toEqual({
      transform: 'dateShift',
      options: 'maxDays: 180',
      comment: 'date of birth',
    });
    expect(person?.columns.get('note')).toEqual({ transform: 'scrub', options: '', comment: null });
    expect(read.get('audit.log')).toMatchObject({ skip: true, comment: 'nothing of use in a test copy' });
  });
});
