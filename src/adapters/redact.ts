/**
 * Database errors often carry row values: PostgreSQL's `detail` ("Key (bsn)=(123456782) already
 * exists"), `where`, and drivers attach query parameters. Only the parts that name things survive.
 */
import { LeakproofError } from '../errors.js';

interface DatabaseErrorLike {
  message?: unknown;
  code?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  schema?: unknown;
}

/** Messages PostgreSQL builds around a value; these are replaced by their SQLSTATE meaning. */
const valueBearing: Record<string, string> = {
  '22P02': 'invalid input syntax for a value of the column type',
  '22001': 'a value is too long for its column',
  '22003': 'a numeric value is out of range',
  '22007': 'invalid date/time format',
  '22008': 'date/time value out of range',
  '22021': 'invalid byte sequence for the encoding',
  '23505': 'duplicate key value violates a unique constraint',
  '23503': 'a foreign key has no matching row',
  '23502': 'a NOT NULL column received NULL',
  '23514': 'a row violates a check constraint',
};

export function redactDatabaseError(error: unknown, doing: string): LeakproofError {
  if (error instanceof LeakproofError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as DatabaseErrorLike;
  // A SQLSTATE is five digits or capitals; the socket's own codes (ECONNRESET, EPIPE) are not.
  const sqlState = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
  const socketCode = typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) ? e.code : undefined;
  const where = [
    typeof e.schema === 'string' && typeof e.table === 'string' ? `table ${e.schema}.${e.table}` : undefined,
    typeof e.column === 'string' ? `column ${e.column}` : undefined,
    typeof e.constraint === 'string' ? `constraint ${e.constraint}` : undefined,
  ].filter((x): x is string => x !== undefined);
  let message: string;
  if (sqlState !== undefined && valueBearing[sqlState] !== undefined) message = valueBearing[sqlState];
  // Class P0: a trigger or function of the database's own raised it, with a message its author
  // wrote, which may quote the row in any form ('client Jansen (j@x.nl) is blocked').
  else if (sqlState?.startsWith('P0')) message = 'a trigger or function in the database raised an error';
  else if (socketCode !== undefined) message = `the connection to the database was lost (${socketCode})`;
  else if (typeof e.message === 'string') message = stripQuotedValues(e.message);
  else message = 'unknown database error';
  const code = sqlState?.startsWith('08') || sqlState?.startsWith('28') ? 'LP_CONNECTION' : 'LP_DATABASE';
  return new LeakproofError(
    code,
    `${doing} failed: ${message}${sqlState ? ` (SQLSTATE ${sqlState})` : ''}`,
    where.length > 0 ? [where.join(', ')] : [],
  );
}

/** Messages other than the known value-bearing ones may still quote a value: drop quoted parts. */
function stripQuotedValues(message: string): string {
  return message
    .replace(/"[^"]*"/g, (m) => (/^"[\w.]+"$/.test(m) ? m : '"…"'))
    .replace(/'[^']*'/g, "'…'")
    .replace(/\(([^()]*)\)=\(([^()]*)\)/g, '($1)=(…)');
}
