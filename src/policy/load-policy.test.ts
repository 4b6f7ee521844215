import { describe, expect, test } from 'vitest';
import { LeakproofError } from '../errors.js';
import { parsePolicy } from './load-policy.js';

function failure(text: string): LeakproofError {
  try {
    parsePolicy(text, 'p.yaml');
  } catch (error) {
    if (error instanceof LeakproofError) return error;
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

describe('parsePolicy', () => {
  test('reads table and column decisions, qualifies bare table names, keeps options and lines', () => {
    const policy = parsePolicy(
      [
        'version: 1',
        'tables:',
        '  applicant:',
        '    columns:',
        '      id: keep',
        '      dob: { transform: dateShift, maxDays: 9 }',
        '  audit.log: skip',
        '',
      ].join('\n'),
      'p.yaml',
    );
    const applicant = policy.tables.get('public.applicant');
    expect(applicant?.kind).toBe('copy');
    if (applicant?.kind !== 'copy') return;
    expect(applicant.columns.get('dob')).toMatchObject({ transform: 'dateShift', options: { maxDays: 9 } });
    expect(applicant.columns.get('dob')?.where).toEqual({ path: 'tables.applicant.columns.dob', line: 6 });
    expect(policy.tables.get('audit.log')?.kind).toBe('skip');
    expect(policy.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('YAML syntax errors give line and column', () => {
    const e = failure('version: 1\ntables:\n  a: [\n');
    expect(e.code).toBe('LP_POLICY_SYNTAX');
    expect(e.details.join('\n')).toMatch(/line \d+, column \d+/);
  });

  test('shape errors give the path and the line', () => {
    const e = failure('version: 2\ntables:\n  a:\n    colums:\n      id: keep\n');
    expect(e.code).toBe('LP_POLICY_INVALID');
    const details = e.details.join('\n');
    expect(details).toContain('version (line 1)');
    expect(details).toMatch(/tables\.a \(line 3\): a table entry is `skip` or a map/);
  });

  test('a table named twice (once with, once without public.) is an error', () => {
    const e = failure('version: 1\ntables:\n  a: skip\n  public.a: skip\n');
    expect(e.message).toContain('names table public.a twice');
  });

  test('a duplicate key is a YAML error, not a silent override', () => {
    expect(failure('version: 1\ntables:\n  a: skip\n  a: skip\n').code).toBe('LP_POLICY_SYNTAX');
  });

  test('a missing key is called missing, not "expected record, received undefined"', () => {
    const e = failure('version: 1\n');
    expect(e.details).toEqual(['tables: missing (expected record)']);
  });

  test('a table map with one bad part is reported at that part, not as a bad table entry', () => {
    const e = failure('version: 1\ntables:\n  a:\n    subject: [true]\n    columns:\n      id: [keep]\n');
    expect(e.details).toEqual([
      'tables.a.subject (line 4): Invalid input: expected boolean, received array',
      expect.stringMatching(/^tables\.a\.columns\.id \(line 6\): a column decision is a transform name/),
    ]);
  });

  test('YAML no policy needs is refused with its line: an alias without anchor, a list as a key', () => {
    const unresolved = failure('version: 1\ntables:\n  a: *nothing\n');
    expect(unresolved.code).toBe('LP_POLICY_SYNTAX');
    expect(unresolved.details).toEqual(['line 3: alias *nothing has no anchor &nothing before it']);
    const listKey = failure('version: 1\ntables:\n  ? [a, b]\n  : skip\n');
    expect(listKey.code).toBe('LP_POLICY_SYNTAX');
    expect(listKey.details).toEqual(['line 3: a key must be a name, not a list, a map or binary data']);
  });

  test('an alias bomb, an alias inside itself, deep nesting and __proto__ end in a policy error', () => {
    const bomb = ['version: 1', 'tables: {}', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
          .fill(`*${i === 1 ? 'a' : 'b'.repeat(i - 1)}`)
          .join(', ')}]`,
      );
    expect(failure(bomb.join('\n')).details).toEqual([expect.stringMatching(/alias count/)]);
    const circular = failure(
      'version: 1\ntables:\n  a: &t\n    columns:\n      b: { transform: json, paths: { x: *t } }\n',
    );
    expect(circular.code).toBe('LP_POLICY_INVALID');
    expect(circular.details).toEqual([
      'tables.a.columns.b.paths.x (line 5): an alias refers to a node that contains it',
    ]);
    const deep = failure(`version: 1\ntables: ${'['.repeat(200)}${']'.repeat(200)}\n`);
    expect(deep.details).toEqual(['line 2: nested deeper than 32 levels']);
    const proto = failure('version: 1\ntables:\n  __proto__: skip\n');
    expect(proto.details).toEqual(['tables.__proto__ (line 3): __proto__ cannot be used as a name']);
  });
  describe('keep with identifying: false', () => {
    const policyWith = (decision: string) =>
      [
        'version: 1',
        'tables:',
        '  diploma:',
        '    columns:',
        '      id: keep',
        `      number: ${decision}`,
        '',
      ].join('\n');

    test('is read with its reason, outside the transform options', () => {
      const policy = parsePolicy(
        policyWith(
          "{ transform: keep, identifying: false, reason: ' a course code, printed in the catalogue ' }",
        ),
        'p.yaml',
      );
      const table = policy.tables.get('public.diploma');
      if (table?.kind !== 'copy') throw new Error('expected a copied table');
      expect(table.columns.get('number')).toMatchObject({
        transform: 'keep',
        options: {},
        identifying: false,
        reason: 'a course code, printed in the catalogue',
      });
      expect(table.columns.get('id')).not.toHaveProperty('identifying');
    });

    test.each([
      [
        '{ transform: keep, identifying: true, reason: x }',
        'tables.diploma.columns.number.identifying (line 6): a column that identifies people must not be kept: use code or hash (or another transform) instead',
      ],
      [
        '{ transform: keep, identifying: false }',
        'tables.diploma.columns.number.reason (line 6): missing: identifying: false needs a reason (why the column does not single out a person)',
      ],
      [
        "{ transform: keep, identifying: false, reason: '  ' }",
        'tables.diploma.columns.number.reason (line 6): a reason must not be empty',
      ],
      [
        '{ transform: keep, identifying: false, reason: 12 }',
        'tables.diploma.columns.number.reason (line 6): a reason is text: why the kept column does not identify a person',
      ],
      [
        '{ transform: keep, identifying: no-thanks, reason: x }',
        'tables.diploma.columns.number.identifying (line 6): identifying is false (with a reason) or left out',
      ],
      [
        '{ transform: keep, reason: x }',
        'tables.diploma.columns.number.reason (line 6): a reason goes with identifying: false (keep a column that looks identifying, and why)',
      ],
      [
        '{ transform: code, identifying: false, reason: x }',
        'tables.diploma.columns.number.identifying (line 6): identifying only goes with keep; code does not copy the value as it is',
      ],
    ])('%s is refused with its path and line', (decision, detail) => {
      const e = failure(policyWith(decision));
      expect(e.code).toBe('LP_POLICY_INVALID');
      expect(e.details).toEqual([detail]);
    });
  });
});
