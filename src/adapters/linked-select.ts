/**
 * The SELECT of a linked read, in the SQL every engine here shares: a plain `SELECT … FROM table`
 * without a link; with one, the table as `t0`, each foreign-key hop LEFT JOINed as `t1`, `t2`, …,
 * and the subject's key columns last. Each engine passes its own quoting.
 */
import type { TableRef } from '../schema/model.js';
import type { LinkedRead } from './adapter.js';

export interface Quoting {
  readonly quoteIdent: (name: string) => string;
  readonly quoteTable: (table: TableRef) => string;
}

export function linkedSelect(read: LinkedRead, { quoteIdent, quoteTable }: Quoting): string {
  if (read.link === undefined)
    return `SELECT ${read.columns.map((c) => quoteIdent(c)).join(', ')} FROM ${quoteTable(read.table)}`;
  const { hops, keyColumns } = read.link;
  const columns = read.columns.map((c) => `t0.${quoteIdent(c)}`);
  const joins = hops.map((hop, i) => {
    const on = hop.fromColumns
      .map((c, k) => `t${i}.${quoteIdent(c)} = t${i + 1}.${quoteIdent(hop.toColumns[k]!)}`)
      .join(' AND ');
    return `LEFT JOIN ${quoteTable(hop.table)} t${i + 1} ON ${on}`;
  });
  const keys = keyColumns.map((c) => `t${hops.length}.${quoteIdent(c)}`);
  return `SELECT ${[...columns, ...keys].join(', ')} FROM ${quoteTable(read.table)} t0 ${joins.join(' ')}`;
}
