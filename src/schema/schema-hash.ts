/**
 * A fingerprint of a schema's shape for reports: two runs against the same structure give the same
 * hash, whatever the data. Row estimates and sequence positions are data, so they are left out.
 */
import { createHash } from 'node:crypto';
import type { DatabaseSchema } from './model.js';

export function schemaHash(schema: DatabaseSchema): string {
  const shape = {
    ...schema,
    tables: schema.tables.map(({ rowEstimate: _, ...table }) => table),
    sequences: schema.sequences.map(({ lastValue: _, ...sequence }) => sequence),
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex');
}
