/**
 * The one place SQL identifiers and literals are quoted. Values never go into SQL text except
 * through `quoteLiteral` for DDL that PostgreSQL cannot take as a parameter (enum labels, setval).
 */
import type { TableRef } from '../../schema/model.js';

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteTable(table: TableRef): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

export function quoteLiteral(value: string): string {
  // standard_conforming_strings is on in every supported server, so only quotes need doubling.
  return `'${value.replaceAll("'", "''")}'`;
}
