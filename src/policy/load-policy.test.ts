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
});
