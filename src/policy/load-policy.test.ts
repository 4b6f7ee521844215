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
});
