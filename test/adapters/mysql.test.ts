/**
 * The MySQL/MariaDB adapter against a real server (LEAKPROOF_TEST_MYSQL_URL): introspection of
 * every type, the schema round trip, odd values out and in, release only on commit, the lock,
 * identity, DDL from a PostgreSQL model, and the CLI end to end. The type mapping needs no server.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { DatabaseAdapter } from '../../src/adapters/adapter.js';
import { decodeRows, encodeRow } from '../../src/adapters/copy-text.js';
import { portableColumnType, schemaDdl } from '../../src/adapters/mysql/mysql-dialect.js';
import { toLoadData } from '../../src/adapters/mysql/mysql-driver.js';
import { openDatabase } from '../../src/adapters/open-database.js';
import { LeakproofError } from '../../src/errors.js';
import { type DatabaseSchema, type TableModel, textColumn } from '../../src/schema/model.js';
import { leakproof, leakproofCopy, tempDir } from '../support/cli.js';
import { withoutNamespace } from '../support/databases.js';
import {
  createMysqlDatabase,
  dropMysqlDatabases,
  mysqlAvailable,
  mysqlExec,
  mysqlServerUrl,
} from '../support/mysql.js';

const available = await mysqlAvailable();
afterAll(dropMysqlDatabases);

const pgTable = (
  name: string,
  columns: TableModel['columns'],
  more: Partial<TableModel> = {},
): TableModel => ({
  schema: 'public',
  name,
  columns,
  primaryKey: null,
  uniques: [],
  checks: [],
  foreignKeys: [],
  indexes: [],
  rowEstimate: 0,
  autoIncrement: null,
  ...more,
});
const pgSchema = (tables: TableModel[]): DatabaseSchema => ({
  dialect: 'postgres',
  schemas: ['public'],
  extensions: [],
  enums: [],
  domains: [],
  sequences: [],
  tables,
  views: [],
});
const col = (name: string, portable: TableModel['columns'][number]['portable'], more = {}) =>
  textColumn({ name, portable, type: String(portable), ...more });
const T = { schema: 'public', name: 't' };

describe('MySQL spelling of portable types', () => {
  test('maps each portable type', () => {
    const cases: [ReturnType<typeof col>, string][] = [
      [col('a', 'text'), 'LONGTEXT'],
      [col('a', 'varchar', { maxLength: 80 }), 'VARCHAR(80)'],
      [col('a', 'varchar', { maxLength: 100000 }), 'LONGTEXT'],
      [col('a', 'varchar'), 'LONGTEXT'],
      [col('a', 'char', { maxLength: 9 }), 'CHAR(9)'],
      [col('a', 'boolean'), 'TINYINT(1)'],
      [col('a', 'integer', { unsigned: true }), 'INT UNSIGNED'],
      [col('a', 'bigint'), 'BIGINT'],
      [col('a', 'decimal', { numericPrecision: 12, numericScale: 2 }), 'DECIMAL(12,2)'],
      [col('a', 'decimal'), 'DECIMAL(65,30)'],
      [col('a', 'real'), 'FLOAT'],
      [col('a', 'double'), 'DOUBLE'],
      [col('a', 'timestamptz'), 'DATETIME(6)'],
      [col('a', 'timestamp'), 'DATETIME(6)'],
      [col('a', 'time'), 'TIME(6)'],
      [col('a', 'date'), 'DATE'],
      [col('a', 'uuid'), 'CHAR(36)'],
      [col('a', 'json'), 'JSON'],
      [col('a', 'binary'), 'LONGBLOB'],
      [col('a', 'interval'), 'VARCHAR(64)'],
      [col('a', 'enum', { enumLabels: ['x', "it's"] }), "ENUM('x', 'it\\'s')"],
      [col('a', 'set', { enumLabels: ['x', 'y'] }), "SET('x', 'y')"],
    ];
    for (const [c, spelled] of cases) expect(portableColumnType(T, c)).toBe(spelled);
    expect(portableColumnType(T, col('a', 'text'), true)).toBe('VARCHAR(255)');
  });

  test('an array, a type without spelling or a too wide decimal stops with LP_TYPE_UNMAPPED naming the column', () => {
    for (const c of [
      col('tags', 'text', { isArray: true, type: 'text[]' }),
      col('tags', null, { type: 'int4range' }),
      col('tags', 'decimal', { numericPrecision: 100, numericScale: 2 }),
    ]) {
      const error = (() => {
        try {
          schemaDdl(pgSchema([pgTable('t', [c])]));
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(LeakproofError);
      expect((error as LeakproofError).code).toBe('LP_TYPE_UNMAPPED');
      expect((error as LeakproofError).message).toContain('public.t.tags');
    }
  });

  test('a model of two schemas is refused with LP_UNSUPPORTED naming them', () => {
    const schema = pgSchema([
      pgTable('a', [col('x', 'text')]),
      { ...pgTable('b', [col('x', 'text')]), schema: 'crm' },
    ]);
    expect(() => schemaDdl(schema)).toThrow(/public, crm/);
  });

  test('COPY escapes LOAD DATA does not know are rewritten; the rest passes as is', () => {
    const out = (s: string) => toLoadData(Buffer.from(s, 'latin1')).toString('latin1');
    expect(out('a\\tb\\\\x00\\N\n')).toBe('a\\tb\\\\x00\\N\n');
    expect(out('\\f\\v\\Z\\101\\x42\\011\\x5c\\0\n')).toBe('\f\vZAB\\t\\\\\\0\n');
  });
});

/** Opens, runs, closes. */
async function withDb<T>(url: string, work: (db: DatabaseAdapter) => Promise<T>): Promise<T> {
  const db = await openDatabase(url, 'target');
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function* chunksOf(lines: string[]): AsyncGenerator<Buffer> {
  for (let i = 0; i < lines.length; i += 50)
    yield Buffer.from(`${lines.slice(i, i + 50).join('\n')}\n`, 'utf8');
}

async function readAll(db: DatabaseAdapter, table: string, columns: string[]) {
  const rows: (string | null)[][] = [];
  const ref = { schema: 'x', name: table };
  let maxChunk = 0;
  const sized = async function* () {
    for await (const c of db.readRows(ref, columns)) {
      maxChunk = Math.max(maxChunk, c.length);
      expect(c[c.length - 1]).toBe(0x0a);
      yield c;
    }
  };
  for await (const r of decodeRows(sized())) rows.push(r);
  return { rows, maxChunk };
}

const kindsSql = `
CREATE TABLE parent (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, code VARCHAR(20) NOT NULL,
  UNIQUE KEY uq_code (code)) AUTO_INCREMENT=100;
CREATE TABLE kinds (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, su SMALLINT UNSIGNED, mi MEDIUMINT, mu MEDIUMINT UNSIGNED,
  i INT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED,
  dec1 DECIMAL(10,2) NOT NULL DEFAULT 0.00, fl FLOAT, db DOUBLE,
  ch CHAR(5), vc VARCHAR(40) NOT NULL DEFAULT 'it''s', tt TINYTEXT, tx TEXT, mt MEDIUMTEXT, lt LONGTEXT,
  bn BINARY(4), vb VARBINARY(300), tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,
  en ENUM('a','b','it''s') DEFAULT 'a', st SET('x','y','z'), js JSON,
  d DATE, tm TIME(3), dt DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6), ts TIMESTAMP NULL DEFAULT NULL, yr YEAR,
  bt BIT(10), bo BOOLEAN, parent_id INT UNSIGNED,
  gv INT AS (i * 2) VIRTUAL, gs VARCHAR(50) AS (CONCAT(vc, '!')) STORED,
  CONSTRAINT ck_i CHECK (i > -1000000),
  KEY ix_prefix (tx(10)), FULLTEXT KEY ft_lt (lt), KEY ix_multi (d, dt DESC),
  CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE CASCADE
) AUTO_INCREMENT=500;
CREATE VIEW kinds_view AS SELECT id, vc FROM kinds WHERE i > 0;
INSERT INTO parent (code) VALUES ('p1');
INSERT INTO kinds (i, bt, bo, parent_id, ts, d, fl, db, bn, js, st)
  VALUES (5, b'1010', 1, 100, '2024-02-03 04:05:06', '0000-00-00', 3.14159, 0.1, X'00FF10AB', '{"a": [1, 2]}', 'x,z');
`;

describe.skipIf(!available)(`MySQL adapter (${mysqlServerUrl()})`, () => {
  test('introspects every kind of column, key, index, check and view', async () => {
    const url = await createMysqlDatabase();
    await mysqlExec(url, kindsSql);
    const schema = await withDb(url, (db) => db.introspect());
    const dbName = new URL(url).pathname.slice(1);
    expect(schema.dialect).toBe('mysql');
    expect(schema.schemas).toEqual([dbName]);
    const kinds = schema.tables.find((t) => t.name === 'kinds')!;
    expect(kinds.schema).toBe(dbName);
    const c = (n: string) => kinds.columns.find((x) => x.name === n)!;
    expect(c('tu')).toMatchObject({ portable: 'tinyint', unsigned: true, category: 'integer' });
    expect(c('mu')).toMatchObject({ portable: 'integer', unsigned: true });
    expect(c('bu')).toMatchObject({ portable: 'bigint', unsigned: true });
    expect(c('dec1')).toMatchObject({
      portable: 'decimal',
      numericPrecision: 10,
      numericScale: 2,
      category: 'numeric',
    });
    expect(c('fl')).toMatchObject({ portable: 'real', category: 'float' });
    expect(c('db')).toMatchObject({ portable: 'double', category: 'float' });
    expect(c('ch')).toMatchObject({ portable: 'char', maxLength: 5, category: 'text' });
    expect(c('vc')).toMatchObject({
      portable: 'varchar',
      maxLength: 40,
      nullable: false,
      defaultExpr: "'it''s'",
    });
    for (const n of ['tt', 'tx', 'mt', 'lt'])
      expect(c(n)).toMatchObject({ portable: 'text', category: 'text' });
    for (const n of ['bn', 'vb', 'tb', 'bl', 'mb', 'lb'])
      expect(c(n)).toMatchObject({ portable: 'binary', category: 'bytea' });
    expect(c('en')).toMatchObject({ portable: 'enum', category: 'enum', enumLabels: ['a', 'b', "it's"] });
    expect(c('en').type).toMatch(/^enum\(/);
    expect(c('st')).toMatchObject({ portable: 'set', enumLabels: ['x', 'y', 'z'] });
    expect(c('js')).toMatchObject({ portable: 'json', category: 'json', type: 'json' });
    expect(c('d')).toMatchObject({ portable: 'date', category: 'date' });
    expect(c('tm')).toMatchObject({ portable: 'time', category: 'time' });
    expect(c('dt')).toMatchObject({ portable: 'timestamp', category: 'timestamp' });
    expect(c('ts')).toMatchObject({ portable: 'timestamptz', category: 'timestamp' });
    expect(c('yr').category).toBe('integer');
    expect(c('bt').type).toBe('bit(10)');
    expect(c('bo')).toMatchObject({ portable: 'boolean', category: 'boolean' });
    expect(c('gv').generatedExpr).toMatch(/VIRTUAL$/);
    expect(c('gs').generatedExpr).toMatch(/STORED$/);
    expect(c('id')).toMatchObject({ identity: 'by default', unique: true });
    expect(kinds.autoIncrement).toBe('501');
    expect(kinds.primaryKey?.columns).toEqual(['id']);
    expect(kinds.checks.map((x) => x.name)).toEqual(['ck_i']);
    expect(kinds.foreignKeys[0]).toMatchObject({
      name: 'fk_parent',
      columns: ['parent_id'],
      referencedTable: 'parent',
      referencedSchema: dbName,
    });
    expect(kinds.foreignKeys[0]?.definition).toContain('ON DELETE SET NULL ON UPDATE CASCADE');
    const ix = (n: string) => kinds.indexes.find((x) => x.name === n)!;
    expect(ix('ix_prefix').definition).toContain('`tx`(10)');
    expect(ix('ft_lt').definition).toMatch(/^FULLTEXT KEY/);
    expect(ix('ix_multi').definition).toContain('`dt` DESC');
    const parent = schema.tables.find((t) => t.name === 'parent')!;
    expect(parent.uniques).toMatchObject([{ name: 'uq_code', columns: ['code'] }]);
    expect(parent.autoIncrement).toBe('101');
    expect(schema.views.map((v) => v.name)).toEqual(['kinds_view']);
    expect(schema.views[0]?.definition).not.toContain(dbName);
  });

  test('the DDL rebuilds an identical schema in another database, and the rows come back the same', async () => {
    const sourceUrl = await createMysqlDatabase();
    await mysqlExec(sourceUrl, kindsSql);
    const targetUrl = await createMysqlDatabase();
    const source = await openDatabase(sourceUrl, 'source');
    const target = await openDatabase(targetUrl, 'target');
    try {
      await source.begin('snapshot');
      const schema = await source.introspect();
      await target.begin('write');
      await target.lockForCopy();
      const ddl = target.schemaDdl(schema);
      for (const s of ddl.beforeLoad) await target.exec(s);
      for (const t of schema.tables) {
        const columns = t.columns.filter((x) => x.generatedExpr === null).map((x) => x.name);
        await target.writeRows(t, columns, source.readRows(t, columns));
      }
      for (const s of ddl.afterLoad) await target.exec(s);
      for (const v of ddl.views) expect(await target.createView(v.sql)).toBeNull();
      // Before the commit the check sees the copy, and nobody else does.
      expect(await target.countRows({ schema: 'x', name: 'kinds' })).toBe(1);
      expect(await withDb(targetUrl, (other) => other.listUserRelations())).toEqual([]);
      await target.commit();
      await source.commit();
      const rebuilt = await target.introspect();
      expect(withoutNamespace(rebuilt)).toEqual(withoutNamespace(schema));
      expect(rebuilt.tables.map((t) => t.autoIncrement)).toEqual(schema.tables.map((t) => t.autoIncrement));
      const cols = schema.tables.find((t) => t.name === 'kinds')!.columns.map((x) => x.name);
      const [a, b] = [await readAll(source, 'kinds', cols), await readAll(target, 'kinds', cols)];
      expect(b.rows).toEqual(a.rows);
      const row = Object.fromEntries(cols.map((n, i) => [n, a.rows[0]![i]]));
      expect(row).toMatchObject({
        bt: '10',
        bo: '1',
        bn: '\\x00ff10ab',
        ts: '2024-02-03 04:05:06+00',
        d: '0000-00-00',
        fl: '3.14159',
        db: '0.1',
        st: 'x,z',
        gv: '10',
      });
      // The foreign key moved with its tables and points into the target database.
      const fk = await mysqlExec<{ s: string }>(
        targetUrl,
        `SELECT REFERENCED_TABLE_SCHEMA AS s FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL`,
      );
      expect(fk).toEqual([{ s: new URL(targetUrl).pathname.slice(1) }]);
      await expect(mysqlExec(targetUrl, 'INSERT INTO kinds (parent_id) VALUES (999)')).rejects.toThrow(
        /foreign key/i,
      );
      expect(await mysqlExec(targetUrl, 'SELECT * FROM kinds_view')).toHaveLength(1);
    } finally {
      await source.close();
      await target.close();
    }
  });

  test('odd values travel out and in unchanged, in whole-line chunks of about 64 kB', async () => {
    const url = await createMysqlDatabase();
    await mysqlExec(
      url,
      'CREATE TABLE odd (id INT PRIMARY KEY, t LONGTEXT, b LONGBLOB, bo TINYINT(1), dt DATETIME(6), tz TIMESTAMP(6) NULL)',
    );
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const values: (string | null)[][] = [
      [
        '1',
        'tab\there\nnew\rline \\ back\\slash',
        `\\x${all.toString('hex')}`,
        't',
        '2020-01-02 03:04:05.123456+00',
        '2020-01-02 03:04:05.5+00',
      ],
      ['2', '\\N', '\\x', 'f', '2020-01-02 03:04:05', null],
      ['3', '', null, 'true', null, null],
      ['4', null, null, '0', null, null],
      ['5', '\f\v\b form', null, null, null, null],
      ['6', 'é€😀'.repeat(30000), null, '1', null, null],
    ];
    for (let i = 7; i < 2000; i++)
      values.push([String(i), `€ row ${i} ${'😀'.repeat(i % 50)}`, null, 'false', null, null]);
    const cols = ['id', 't', 'b', 'bo', 'dt', 'tz'];
    await withDb(url, async (db) => {
      const schema = await db.introspect();
      await db.writeRows(schema.tables[0]!, cols, chunksOf(values.map(encodeRow)));
      const { rows, maxChunk } = await readAll(db, 'odd', cols);
      // About 64 kB, or one row when a row alone is longer (row 6: 270,000 bytes).
      expect(maxChunk).toBeLessThan(64 * 1024 + 300 * 1024);
      const sorted = rows.sort((x, y) => Number(x[0]) - Number(y[0]));
      const expected = values.map((r) => [
        r[0]!,
        r[1]!,
        r[2]!,
        r[3] == null ? null : ['t', 'true', '1'].includes(r[3]) ? '1' : '0',
        r[4] == null
          ? null
          : `${r[4].slice(0, 19)}.${(r[4].split('.')[1] ?? '').replace('+00', '').padEnd(6, '0')}`,
        r[5] === null ? null : '2020-01-02 03:04:05.500000+00',
      ]);
      expect(sorted).toEqual(expected);
      expect(await db.sampleRows({ schema: 'x', name: 'odd' }, ['t', 'b'], 2, 5)).toEqual([
        ['tab\th', '\\x000'],
        ['\\N', '\\x'],
      ]);
    });
  });

  test('where LOAD DATA LOCAL is not allowed, multi-row INSERTs carry the same values', async () => {
    const { insertRows, connect } = await import('../../src/adapters/mysql/mysql-driver.js');
    const url = await createMysqlDatabase();
    await mysqlExec(
      url,
      'CREATE TABLE f (id INT PRIMARY KEY, t LONGTEXT, b BLOB, bo TINYINT(1), dt DATETIME)',
    );
    const conn = await connect(new URL(url));
    const lines = [
      encodeRow(['1', "it's \\ \t", '\\x00ff', 't', '2020-01-01 00:00:00+00']),
      encodeRow(['2', null, null, null, null]),
    ];
    await insertRows(
      conn,
      'f',
      [
        { name: 'id', kind: 'plain' },
        { name: 't', kind: 'plain' },
        { name: 'b', kind: 'binary' },
        { name: 'bo', kind: 'boolean' },
        { name: 'dt', kind: 'datetime' },
      ],
      chunksOf(lines),
    );
    conn.destroy();
    const rows = await withDb(url, (db) => readAll(db, 'f', ['id', 't', 'b', 'bo', 'dt']));
    expect(rows.rows).toEqual([
      ['1', "it's \\ \t", '\\x00ff', '1', '2020-01-01 00:00:00'],
      ['2', null, null, null, null],
    ]);
  });

  test('release only on commit: a rollback, or a killed run, leaves the target as it was; --replace swaps at once', async () => {
    const url = await createMysqlDatabase();
    const name = new URL(url).pathname.slice(1);
    const leftovers = async () =>
      (
        await mysqlExec<{ n: string }>(
          url,
          `SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${name}\\_\\_lp%'`,
        )
      ).map((r) => r.n);
    await mysqlExec(url, 'CREATE TABLE old (id INT PRIMARY KEY); CREATE VIEW old_view AS SELECT id FROM old');
    const ddl = ['CREATE TABLE fresh (id INT PRIMARY KEY)', 'INSERT INTO fresh VALUES (1)'];
    await withDb(url, async (db) => {
      await db.begin('write');
      await db.lockForCopy();
      for (const s of ddl) await db.exec(s);
      await db.rollback();
    });
    expect(await leftovers()).toEqual([]);
    expect(await withDb(url, (db) => db.listUserRelations())).toEqual([`${name}.old`, `${name}.old_view`]);

    // A killed run: the connection dies with its staging database in place.
    const killed = await openDatabase(url, 'target');
    await killed.begin('write');
    await killed.exec(ddl[0]!);
    (killed as unknown as { conn: { destroy(): void } }).conn.destroy();
    expect(await leftovers()).toHaveLength(1);
    await withDb(url, async (db) => {
      await db.begin('write');
      await db.lockForCopy();
      expect(await leftovers()).toHaveLength(1); // only its own
      expect(await db.listUserRelations()).toEqual([`${name}.old`, `${name}.old_view`]);
      await db.dropUserObjects();
      for (const s of ddl) await db.exec(s);
      expect(await db.createView('CREATE VIEW fresh_view AS SELECT id FROM fresh')).toBeNull();
      expect(await withDb(url, (o) => o.listUserRelations())).toEqual([`${name}.old`, `${name}.old_view`]);
      await db.commit();
    });
    expect(await withDb(url, (db) => db.listUserRelations())).toEqual([
      `${name}.fresh`,
      `${name}.fresh_view`,
    ]);
    expect(await leftovers()).toEqual([]);
    expect(await mysqlExec(url, 'SELECT * FROM fresh_view')).toEqual([{ id: 1 }]);
  });

  test('a second copy onto the same target fails at once with LP_TARGET_BUSY; the lock ends with the run', async () => {
    const url = await createMysqlDatabase();
    const [a, b] = [await openDatabase(url, 'target'), await openDatabase(url, 'target')];
    try {
      await a.begin('write');
      await a.lockForCopy();
      await b.begin('write');
      await expect(b.lockForCopy()).rejects.toMatchObject({ code: 'LP_TARGET_BUSY' });
      await b.rollback();
      await a.rollback();
      await b.begin('write');
      await b.lockForCopy();
      await b.rollback();
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('identity is the same for 127.0.0.1, localhost and mariadb://, and differs for another database', async () => {
    const url = await createMysqlDatabase();
    const other = await createMysqlDatabase();
    const spelled = new URL(url);
    spelled.hostname = spelled.hostname === '127.0.0.1' ? 'localhost' : spelled.hostname;
    const ids = await Promise.all(
      [url, spelled.toString(), url.replace(/^mysql:/, 'mariadb:'), other].map((u) =>
        withDb(u, (db) => db.identity()),
      ),
    );
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[3]).not.toBe(ids[0]);
  });

  test('a PostgreSQL model becomes MySQL tables that take PostgreSQL text values', async () => {
    const url = await createMysqlDatabase();
    const person = pgTable(
      'person',
      [
        col('id', 'integer', { identity: 'always', nullable: false, position: 1 }),
        col('email', 'text', { position: 2 }),
        col('active', 'boolean', { position: 3 }),
        col('amount', 'decimal', { numericPrecision: 12, numericScale: 2, position: 4 }),
        col('data', 'json', { position: 5 }),
        col('photo', 'binary', { position: 6 }),
        col('seen', 'timestamptz', { position: 7 }),
        col('uid', 'uuid', { position: 8 }),
        col('mood', 'enum', { enumLabels: ['ok', "it's"], position: 9 }),
        col('wait', 'interval', { position: 10 }),
        col('bio', 'text', { position: 11 }),
      ],
      {
        primaryKey: { name: 'person_pkey', definition: 'PRIMARY KEY (id)', columns: ['id'] },
        uniques: [{ name: 'person_email_key', definition: 'UNIQUE (email)', columns: ['email'] }],
        indexes: [{ name: 'person_bio_idx', definition: 'CREATE INDEX …', columns: ['bio'], unique: false }],
      },
    );
    const note = pgTable('note', [col('id', 'bigint', { nullable: false }), col('person_id', 'integer')], {
      primaryKey: { name: 'note_pkey', definition: 'PRIMARY KEY (id)', columns: ['id'] },
      foreignKeys: [
        {
          name: 'note_person_fkey',
          definition: 'FOREIGN KEY (person_id) REFERENCES public.person(id) ON DELETE CASCADE',
          columns: ['person_id'],
          referencedSchema: 'public',
          referencedTable: 'person',
          referencedColumns: ['id'],
        },
      ],
    });
    await withDb(url, async (db) => {
      const ddl = db.schemaDdl(pgSchema([person, note]));
      expect(ddl.beforeLoad[0]).toContain('`email` VARCHAR(255)');
      expect(ddl.afterLoad.join('\n')).toContain('`bio`(255)');
      for (const s of [...ddl.beforeLoad, ...ddl.afterLoad]) await db.exec(s);
      const row = [
        '7',
        'A@x.nl',
        't',
        '12.50',
        '{"a": 1}',
        '\\x00ff',
        '2024-01-02 03:04:05.25+00',
        '0e8a5a06-2f5e-4a4f-9f45-6c1b0b7d6a01',
        "it's",
        '1 day 02:00:00',
        'b',
      ];
      await db.writeRows(
        person,
        person.columns.map((c) => c.name),
        chunksOf([
          encodeRow(row),
          encodeRow(['8', 'a@x.nl', 'f', null, null, null, null, null, null, null, null]),
        ]),
      );
      const { rows } = await readAll(
        db,
        'person',
        person.columns.map((c) => c.name),
      );
      expect(rows[0]).toEqual([
        ...row.slice(0, 2),
        '1',
        row[3],
        row[4],
        row[5],
        '2024-01-02 03:04:05.250000',
        ...row.slice(7),
      ]);
      const model = await db.introspect();
      expect(model.tables.find((t) => t.name === 'note')?.foreignKeys[0]?.definition).toContain(
        'ON DELETE CASCADE',
      );
    });
  });

  test('the CLI: init drafts a policy, copy onto MySQL passes the check, a kept personal column is refused and leaves no target', async () => {
    const source = await createMysqlDatabase();
    await mysqlExec(
      source,
      `CREATE TABLE applicant (id INT AUTO_INCREMENT PRIMARY KEY, first_name VARCHAR(40), last_name VARCHAR(60),
         email VARCHAR(120) UNIQUE, phone VARCHAR(20), date_of_birth DATE, active BOOLEAN);
       CREATE TABLE application (id INT AUTO_INCREMENT PRIMARY KEY, applicant_id INT NOT NULL, note TEXT,
         FOREIGN KEY (applicant_id) REFERENCES applicant (id));
       INSERT INTO applicant (first_name, last_name, email, phone, date_of_birth, active) VALUES
         ('Annelies', 'Voorbeeld', 'annelies@example.org', '0612345678', '1990-04-01', 1),
         ('Kees', 'Testpersoon', 'kees@example.net', '0687654321', '1985-12-31', 0);
       INSERT INTO application (applicant_id, note) VALUES (1, 'first'), (2, 'second');`,
    );
    const dir = await tempDir();
    const policy = join(dir, 'leakproof.yaml');
    const init = await leakproof(['init', '--source', source, '--out', policy]);
    expect(init.stderr).not.toContain('annelies');
    expect(init.code).toBe(0);
    const target = await createMysqlDatabase();
    const copy = await leakproofCopy({ source, target, policy });
    expect(copy.stderr).toBe('');
    expect(copy.code).toBe(0);
    const copied = JSON.stringify(await mysqlExec(target, 'SELECT * FROM applicant'));
    expect(copied).not.toContain('annelies@example.org');
    expect(await mysqlExec(target, 'SELECT COUNT(*) AS n FROM application')).toEqual([{ n: 2 }]);

    const leaky = join(dir, 'leaky.yaml');
    await writeFile(leaky, (await readFile(policy, 'utf8')).replace(/^( {6}email:).*$/m, '$1 keep'));
    const refused = await createMysqlDatabase();
    const run = await leakproof([
      'copy',
      '--quiet',
      '--source',
      source,
      '--target',
      refused,
      '--policy',
      leaky,
    ]);
    expect(run.code).toBe(4);
    expect(run.stdout + run.stderr).not.toContain('annelies@example.org');
    expect(await withDb(refused, (db) => db.listUserRelations())).toEqual([]);
    const name = new URL(refused).pathname.slice(1);
    expect(
      await mysqlExec(
        refused,
        `SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${name}\\_\\_lp%'`,
      ),
    ).toEqual([]);
  });
});
