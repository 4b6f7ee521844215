/**
 * How PostgreSQL spells a column of a model that another engine's catalog described: its portable
 * type, with the length, precision, sign and labels the model gives. A type with no PostgreSQL
 * spelling here stops the copy before anything is written.
 */
import { LeakproofError } from '../../errors.js';
import { type ColumnModel, qualifiedName, type TableModel } from '../../schema/model.js';
import { quoteIdent, quoteLiteral } from './postgres-identifiers.js';

/** An unsigned integer needs the next wider type: MySQL's `int unsigned` reaches 4,294,967,295. */
function integerType(bytes: 2 | 4 | 8, unsigned: boolean): string {
  if (!unsigned) return bytes === 2 ? 'smallint' : bytes === 4 ? 'integer' : 'bigint';
  return bytes === 2 ? 'integer' : bytes === 4 ? 'bigint' : 'numeric(20,0)';
}

export function postgresTypeOf(table: TableModel, column: ColumnModel): string {
  const length = column.maxLength;
  switch (column.portable) {
    case 'tinyint':
    case 'smallint':
      // A signed tinyint fits a smallint, an unsigned one too (0…255).
      return integerType(2, column.unsigned && column.portable === 'smallint');
    case 'integer':
      return integerType(4, column.unsigned);
    case 'bigint':
      return integerType(8, column.unsigned);
    case 'decimal':
      return column.numericPrecision === null
        ? 'numeric'
        : `numeric(${column.numericPrecision},${column.numericScale ?? 0})`;
    case 'real':
      return 'real';
    case 'double':
      return 'double precision';
    case 'boolean':
      return 'boolean';
    case 'text':
    case 'set':
      return 'text';
    case 'varchar':
      return length === null ? 'character varying' : `character varying(${length})`;
    case 'char':
      return length === null ? 'character(1)' : `character(${length})`;
    case 'enum':
      // Each column's labels are its own (MySQL's ENUM), so a check holds them, not a shared type.
      return `text CHECK (${quoteIdent(column.name)} IN (${column.enumLabels.map(quoteLiteral).join(', ')}))`;
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'interval':
      return 'interval';
    case 'uuid':
      return 'uuid';
    case 'timestamp':
      return 'timestamp without time zone';
    case 'timestamptz':
      return 'timestamp with time zone';
    // json, not jsonb: the text of each value lands as it was, key order and spacing too.
    case 'json':
      return 'json';
    case 'binary':
      return 'bytea';
    case null:
      throw new LeakproofError(
        'LP_TYPE_UNMAPPED',
        `${qualifiedName(table)}.${column.name} (${column.type}) has no PostgreSQL type Leakproof can map it to; nothing was written.`,
      );
  }
}
