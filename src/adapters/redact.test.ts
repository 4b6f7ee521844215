import { expect, test } from 'vitest';
import { redactDatabaseError } from './redact.js';

test('errors that PostgreSQL builds around a value lose the value but keep table, column and constraint', () => {
  const error = Object.assign(new Error('duplicate key value violates unique constraint "person_bsn_key"'), {
    code: '23505',
    detail: 'Key (bsn)=(123456782) already exists.',
    schema: 'public',
    table: 'person',
    constraint: 'person_bsn_key',
  });
  const redacted = redactDatabaseError(error, 'Writing public.person');
  const text = `${redacted.message} ${redacted.details.join(' ')}`;
  expect(text).not.toContain('123456782');
  expect(text).toContain('unique constraint');
  expect(text).toContain('table public.person');
  expect(text).toContain('constraint person_bsn_key');
});

test('other messages lose quoted literals', () => {
  const redacted = redactDatabaseError(new Error("value 'Jansen' is odd (x)=(Jansen)"), 'Reading');
  expect(redacted.message).not.toContain('Jansen');
});

test('connection errors are classed as such', () => {
  expect(redactDatabaseError(Object.assign(new Error('x'), { code: '28P01' }), 'Connecting').code).toBe(
    'LP_CONNECTION',
  );
});

test("a trigger's own message (class P0) is not repeated: its author may have put the row in it", () => {
  const error = Object.assign(new Error('client Jansen (j.jansen@mail.test) is on the blocklist'), {
    code: 'P0001',
  });
  const redacted = redactDatabaseError(error, 'Writing public.client');
  expect(redacted.message).not.toMatch(/Jansen|jansen|mail\.test/);
  expect(redacted.message).toMatch(/trigger or function .* \(SQLSTATE P0001\)/);
});

test('a lost socket says so, and is not passed off as a SQLSTATE', () => {
  const redacted = redactDatabaseError(
    Object.assign(new Error('write ECONNRESET'), { code: 'ECONNRESET' }),
    'Writing',
  );
  expect(redacted.message).toBe('Writing failed: the connection to the database was lost (ECONNRESET)');
});
