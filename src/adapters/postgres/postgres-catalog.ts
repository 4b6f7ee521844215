/**
 * Catalog queries for PostgreSQL and everything that speaks its catalog (PGlite runs the same
 * server code). Each query returns plain rows; `postgres-introspector.ts` turns them into the model.
 */

/** Schemas Leakproof copies: every one but the system's, temporary ones and those extensions own. */
export const userSchemaFilter = `
  n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                  AND d.objid = n.oid AND d.deptype = 'e')`;

const notFromExtension = (classTable: string, alias: string) => `
  NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${classTable}'::regclass
              AND d.objid = ${alias}.oid AND d.deptype = 'e')`;

export const schemasSql = `
  SELECT n.nspname AS name FROM pg_namespace n WHERE ${userSchemaFilter} ORDER BY 1`;

export const extensionsSql = `
  SELECT e.extname AS name, n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname <> 'plpgsql' ORDER BY 1`;

export const tablesSql = `
  SELECT c.oid::int8::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind,
         c.relispartition AS is_partition, c.reltuples::int8::text AS estimate
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND ${userSchemaFilter} AND ${notFromExtension('pg_class', 'c')}
  ORDER BY n.nspname, c.relname`;

export const columnsSql = `
  SELECT a.attrelid::int8::text AS table_oid, a.attname AS name, a.attnum AS position,
         format_type(a.atttypid, a.atttypmod) AS type,
         a.attnotnull AS not_null, a.attgenerated AS generated, a.attidentity AS identity,
         pg_get_expr(ad.adbin, ad.adrelid) AS default_expr,
         CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
              THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                    FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                    WHERE co.oid = a.attcollation) END AS collation,
         -- Domains resolve to their base type; arrays to their element type.
         coalesce(nullif(bt.typelem, 0), bt.oid)::int8::text AS element_type_oid,
         (bt.typcategory = 'A') AS is_array,
         CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid
  JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND ${userSchemaFilter}
  ORDER BY a.attrelid, a.attnum`;

export const typesSql = `
  SELECT t.oid::int8::text AS oid, t.typname AS name, t.typtype AS typtype, t.typcategory AS category
  FROM pg_type t WHERE t.oid = ANY($1::oid[])`;

export const constraintsSql = `
  SELECT con.conrelid::int8::text AS table_oid, con.conname AS name, con.contype AS type,
         pg_get_constraintdef(con.oid) AS definition,
         ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns,
         rn.nspname AS ref_schema, rc.relname AS ref_table,
         ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS ref_columns
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class rc ON rc.oid = con.confrelid
  LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') AND ${userSchemaFilter}
  ORDER BY con.conrelid, con.contype, con.conname`;

/** Indexes that no constraint owns (those come back with their constraint). */
export const indexesSql = `
  SELECT i.indrelid::int8::text AS table_oid, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
         i.indisunique AS is_unique, (i.indpred IS NULL AND i.indexprs IS NULL) AS plain,
         ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
               WHERE k.ord <= i.indnkeyatts ORDER BY k.ord)::text[] AS columns
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND ${userSchemaFilter}
    AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
  ORDER BY i.indrelid, ic.relname`;

export const enumsSql = `
  SELECT t.oid::int8::text AS oid, n.nspname AS schema, t.typname AS name,
         ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS labels
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype = 'e' AND ${userSchemaFilter} AND ${notFromExtension('pg_type', 't')}
  ORDER BY n.nspname, t.typname`;

export const domainsSql = `
  SELECT n.nspname AS schema, t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS base_type,
         t.typnotnull AS not_null, t.typdefault AS default_expr,
         coalesce((SELECT json_agg(json_build_object('name', con.conname, 'definition', pg_get_constraintdef(con.oid))
                            ORDER BY con.conname)
                   FROM pg_constraint con WHERE con.contypid = t.oid), '[]'::json) AS checks
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype = 'd' AND ${userSchemaFilter} AND ${notFromExtension('pg_type', 't')}
  ORDER BY n.nspname, t.typname`;

export const sequencesSql = `
  SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS data_type,
         s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min,
         s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
         ps.last_value::text AS last_value,
         d.deptype AS dep_type, dn.nspname AS owner_schema, dc.relname AS owner_table, da.attname AS owner_column
  FROM pg_sequence s
  JOIN pg_class c ON c.oid = s.seqrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
       AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_class dc ON dc.oid = d.refobjid
  LEFT JOIN pg_namespace dn ON dn.oid = dc.relnamespace
  LEFT JOIN pg_attribute da ON da.attrelid = d.refobjid AND da.attnum = d.refobjsubid
  WHERE ${userSchemaFilter} AND ${notFromExtension('pg_class', 'c')}
  ORDER BY n.nspname, c.relname`;

export const viewsSql = `
  SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
         pg_get_viewdef(c.oid, true) AS definition
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('v', 'm') AND ${userSchemaFilter} AND ${notFromExtension('pg_class', 'c')}
  ORDER BY c.oid`;

/** Tables, views, sequences and foreign tables a database already holds, outside system schemas. */
export const userRelationsSql = `
  SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${userSchemaFilter} AND ${notFromExtension('pg_class', 'c')}
  ORDER BY n.nspname, c.relname`;

/**
 * The statistics' stamp of each table: rows inserted, updated, deleted, the file node (a TRUNCATE
 * changes it) and when the statistics were last reset. Only tables the statistics know.
 */
export const changeStampsSql = `
  SELECT s.schemaname AS schema, s.relname AS name,
    concat_ws('/', s.n_tup_ins, s.n_tup_upd, s.n_tup_del, pg_relation_filenode(s.relid),
      (SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database())) AS stamp
  FROM pg_stat_user_tables s`;

/** Types made by users (enums, domains, composite types not tied to a table) in user schemas. */
export const userTypesSql = `
  SELECT n.nspname AS schema, t.typname AS name, t.typtype AS kind
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype IN ('e', 'd', 'c') AND ${userSchemaFilter} AND ${notFromExtension('pg_type', 't')}
    AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')`;
