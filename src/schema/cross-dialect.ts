/**
 * What a copy across engines cannot rebuild, found before anything is read or written. Types are
 * each dialect's question (its `schemaDdl` throws LP_TYPE_UNMAPPED); a generated column is asked
 * here, once for every engine: its expression is SQL of the source's dialect, so the target could
 * neither recompute it nor, without leaking, hold the source's values (they are made of other
 * columns, often names).
 */
import { LeakproofError } from '../errors.js';
import { type DatabaseSchema, type EngineName, qualifiedName, type SqlDialect } from './model.js';

export function dialectOf(engine: EngineName): Exclude<SqlDialect, 'portable'> {
  return engine === 'pglite' ? 'postgres' : engine;
}

export function requireRebuildable(schema: DatabaseSchema, target: EngineName): void {
  const dialect = dialectOf(target);
  if (schema.dialect === dialect) return;
  const generated = schema.tables.flatMap((t) =>
    t.columns.filter((c) => c.generatedExpr !== null).map((c) => `${qualifiedName(t)}.${c.name}`),
  );
  if (generated.length > 0)
    throw new LeakproofError(
      'LP_TYPE_UNMAPPED',
      `${generated.length} generated column(s) are computed by ${schema.dialect} SQL that ${target} cannot run; ` +
        'nothing was written. Copy to the same engine, or make them plain columns in the source.',
      generated.slice(0, 10).map((name) => `generated: ${name}`),
    );
}
