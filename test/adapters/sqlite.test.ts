import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import type { DatabaseAdapter } from '../../src/adapters/adapter.js';
import { decodeRows, encodeRow } from '../../src/adapters/copy-text.js';
import { openDatabase } from '../../src/adapters/open-database.js';
import { introspectPostgres } from '../../src/adapters/postgres/postgres-introspector.js';
import { declaredType, sqliteTypeOf } from '../../src/adapters/sqlite/sqlite-dialect.js';
import type { DatabaseSchema, TableModel } from '../../src/schema/model.js';
import { textColumn } from '../../src/schema/model.js';
import { leakproof, tempDir } from '../support/cli.js';

const opened: DatabaseAdapter[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});
async function open(url: string, role: 'source' | 'target'): Promise<DatabaseAdapter> {
  const db = await openDatabase(url, role);
  opened.push(db);
  return db;
}
function plant(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
}
async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}
async function* from(buffers: readonly Buffer[]): AsyncIterable<Buffer> {
  yield* buffers;
}
const comparable = (s: DatabaseSchema) => ({ ...s, tables: s.tables.map((t) => ({ ...t, rowEstimate: 0 })) });

const kitchen = `
  CREATE TABLE person (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    first_name VARCHAR(40) NOT NULL,
    code CHAR(3),
    bio TEXT DEFAULT 'none',
    note CLOB,
    photo BLOB,
    score REAL,
    weight DOUBLE PRECISION,
    salary DECIMAL(10,2),
    amount NUMERIC,
    active BOOLEAN NOT NULL DEFAULT 1,
    born DATE,
    seen DATETIME,
    stamp TIMESTAMP,
    profile JSON,
    token UUID,
    anything,
    small SMALLINT,
    email TEXT UNIQUE,
    full_name TEXT GENERATED ALWAYS AS (first_name || ' ' || bio) VIRTUAL,
    upper_name TEXT AS (upper(first_name)) STORED,
    CONSTRAINT score_positive CHECK (score >= 0),
    CHECK (length(code) = 3)
  );
  CREATE TABLE visit (
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    what TEXT,
    PRIMARY KEY (person_id, day)
  ) WITHOUT ROWID;
  CREATE TABLE tally (k TEXT PRIMARY KEY, n INTEGER NOT NULL, UNIQUE (n, k)) STRICT;
  CREATE INDEX person_name ON person (first_name, code);
  CREATE UNIQUE INDEX person_token ON person (token);
  CREATE INDEX person_lower ON person (lower(first_name));
  CREATE INDEX person_active ON person (born) WHERE active;
  CREATE VIEW adults AS SELECT id, first_name FROM person WHERE born < '2006-01-01';
  INSERT INTO person (first_name, code, score) VALUES ('Jan', 'abc', 1.5), ('Piet', 'def', 2);
  DELETE FROM person WHERE id = 2;
  INSERT INTO visit VALUES (1, '2024-01-02', 'x');
  INSERT INTO tally VALUES ('a', 1);
`;

describe('sqlite introspection', () => {
  test('reads every declared type, key, index, check, generated column and view', async () => {
    const dir = await tempDir();
    const file = join(dir, 'kitchen.db');
    plant(file, kitchen);
    const db = await open(`sqlite:${file}`, 'source');
    const schema = await db.introspect();
    expect(schema.dialect).toBe('sqlite');
    expect(schema.tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
      'main.person',
      'main.visit',
      'main.tally',
    ]);
    const person = schema.tables[0]!;
    const col = (n: string) => person.columns.find((c) => c.name === n)!;
    expect(col('id')).toMatchObject({
      category: 'integer',
      portable: 'bigint',
      identity: 'by default',
      nullable: false,
      unique: true,
    });
    expect(col('first_name')).toMatchObject({
      category: 'text',
      portable: 'varchar',
      maxLength: 40,
      nullable: false,
    });
    expect(col('code')).toMatchObject({ portable: 'char', maxLength: 3 });
    expect(col('bio')).toMatchObject({ portable: 'text', defaultExpr: "'none'" });
    expect(col('note').portable).toBe('text');
    expect(col('photo')).toMatchObject({ category: 'bytea', portable: 'binary' });
    expect(col('score')).toMatchObject({ category: 'float', portable: 'double' });
    expect(col('weight').portable).toBe('double');
    expect(col('salary')).toMatchObject({
      category: 'numeric',
      portable: 'decimal',
      numericPrecision: 10,
      numericScale: 2,
    });
    expect(col('amount')).toMatchObject({ portable: 'decimal', numericPrecision: null });
    expect(col('active')).toMatchObject({ category: 'boolean', portable: 'boolean', defaultExpr: '1' });
    expect(col('born')).toMatchObject({ category: 'date', portable: 'date' });
    expect(col('seen')).toMatchObject({ category: 'timestamp', portable: 'timestamp' });
    expect(col('stamp').portable).toBe('timestamp');
    expect(col('profile')).toMatchObject({ category: 'json', portable: 'json' });
    expect(col('token')).toMatchObject({ category: 'uuid', portable: 'uuid', unique: true });
    expect(col('anything')).toMatchObject({ category: 'text', portable: 'text', type: '' });
    expect(col('small').portable).toBe('bigint');
    expect(col('email').unique).toBe(true);
    expect(col('full_name').generatedExpr).toBe("first_name || ' ' || bio");
    expect(col('upper_name').generatedExpr).toBe('upper(first_name)');
    expect(person.primaryKey?.columns).toEqual(['id']);
    expect(person.uniques.map((u) => u.columns)).toEqual([['email']]);
    expect(person.checks).toEqual([
      { name: 'score_positive', definition: 'CHECK (score >= 0)' },
      { name: 'person_check2', definition: 'CHECK (length(code) = 3)' },
    ]);
    expect(person.autoIncrement).toBe('3');
    expect(person.indexes.map((i) => [i.name, i.columns, i.unique])).toEqual([
      ['person_name', ['first_name', 'code'], false],
      ['person_token', ['token'], true],
      ['person_lower', null, false],
      ['person_active', null, false],
    ]);
    expect(person.indexes[3]?.definition).toBe('CREATE INDEX person_active ON person (born) WHERE active');
    const visit = schema.tables[1]!;
    expect(visit.primaryKey?.columns).toEqual(['person_id', 'day']);
    expect(visit.foreignKeys).toMatchObject([
      {
        columns: ['person_id'],
        referencedSchema: 'main',
        referencedTable: 'person',
        referencedColumns: ['id'],
      },
    ]);
    expect(visit.foreignKeys[0]?.definition).toContain('ON DELETE CASCADE');
    expect(visit.columns.map((c) => c.nullable)).toEqual([false, false, true]);
    expect(schema.tables[2]?.uniques.map((u) => u.columns)).toEqual([['n', 'k']]);
    expect(schema.views).toEqual([
      {
        schema: 'main',
        name: 'adults',
        materialized: false,
        definition: "SELECT id, first_name FROM person WHERE born < '2006-01-01'",
      },
    ]);
    expect(await db.listUserRelations()).toEqual(['main.person', 'main.visit', 'main.tally', 'main.adults']);
  });

  test('the DDL rebuilds an identical schema, WITHOUT ROWID, STRICT and sequence positions included', async () => {
    const dir = await tempDir();
    plant(join(dir, 'a.db'), kitchen);
    const source = await open(`sqlite:${join(dir, 'a.db')}`, 'source');
    await source.begin('snapshot');
    const schema = await source.introspect();
    const target = await open(`sqlite:${join(dir, 'b.db')}`, 'target');
    await target.begin('write');
    await target.lockForCopy();
    const ddl = target.schemaDdl(schema);
    for (const s of ddl.beforeLoad) await target.exec(s);
    for (const t of schema.tables) {
      const columns = t.columns.filter((c) => c.generatedExpr === null).map((c) => c.name);
      await target.writeRows(t, columns, source.readRows(t, columns));
    }
    for (const s of ddl.afterLoad) await target.exec(s);
    for (const v of ddl.views) expect(await target.createView(v.sql)).toBeNull();
    const inside = await target.introspect();
    await target.commit();
    await source.rollback();
    expect(comparable(inside)).toEqual(comparable(schema));
    const check = new Database(join(dir, 'b.db'), { readonly: true });
    const sqlOf = (name: string) =>
      (check.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string }).sql;
    expect(sqlOf('visit')).toMatch(/WITHOUT ROWID$/);
    expect(sqlOf('tally')).toMatch(/STRICT$/);
    expect(check.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'person'").get()).toEqual({ seq: 2 });
    expect(check.prepare('SELECT full_name, upper_name FROM person').all()).toEqual([
      { full_name: 'Jan none', upper_name: 'JAN' },
    ]);
    check.close();
  });

  test('a model built by hand (no CREATE TABLE text kept) gets a CREATE TABLE from its fields', async () => {
    const dir = await tempDir();
    plant(join(dir, 'a.db'), kitchen);
    const source = await open(`sqlite:${join(dir, 'a.db')}`, 'source');
    const schema = await source.introspect();
    const copied = JSON.parse(JSON.stringify(schema)) as DatabaseSchema;
    const target = await open(`sqlite:${join(dir, 'c.db')}`, 'target');
    const ddl = target.schemaDdl(copied);
    for (const s of [...ddl.beforeLoad, ...ddl.afterLoad, ...ddl.views.map((v) => v.sql)])
      await target.exec(s);
    const rebuilt = await target.introspect();
    const person = (s: DatabaseSchema) => s.tables.find((t) => t.name === 'person')!;
    expect(person(rebuilt).columns.map((c) => [c.name, c.portable, c.nullable, c.generatedExpr])).toEqual(
      person(schema).columns.map((c) => [c.name, c.portable, c.nullable, c.generatedExpr]),
    );
    expect(person(rebuilt).checks).toEqual(person(schema).checks);
    expect(rebuilt.tables.find((t) => t.name === 'visit')?.foreignKeys).toEqual(
      schema.tables.find((t) => t.name === 'visit')?.foreignKeys,
    );
  });
});

describe('sqlite rows', () => {
  test('odd values go out as COPY text and come back the same, in whole-line chunks', async () => {
    const dir = await tempDir();
    const file = join(dir, 'odd.db');
    const target = await open(`sqlite:${file}`, 'target');
    await target.exec(
      'CREATE TABLE odd (id INTEGER PRIMARY KEY, t TEXT, b BLOB, big INTEGER, f REAL, flag BOOLEAN, at DATETIME)',
    );
    const all256 = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const long = `${'é€😀'.repeat(30000)}\tend`;
    const raw = new Database(file);
    const insert = raw.prepare('INSERT INTO odd VALUES (?, ?, ?, ?, ?, ?, ?)');
    const texts = ['tab\there', 'new\nline', 'back\\slash', '\\N', '', null, 'cr\rlf'];
    for (const [i, t] of texts.entries()) insert.run(i + 1, t, null, null, null, null, null);
    insert.run(100, long, all256, 9007199254740993n, 0.1, 1, '2024-01-02 03:04:05');
    insert.run(101, 'x', Buffer.alloc(0), -9223372036854775808n, 1e21, 0, null);
    insert.run(102, 'y', null, 0, -1.5e-7, null, null);
    for (let i = 0; i < 3000; i++) insert.run(1000 + i, 'ß'.repeat(i % 50), null, i, i / 3, i % 2, null);
    raw.close();

    const source = await open(`sqlite:${file}`, 'source');
    await source.begin('snapshot');
    const schema = await source.introspect();
    const table = schema.tables[0]!;
    const columns = table.columns.map((c) => c.name);
    const chunks = await collect(source.readRows(table, columns));
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect(c[c.length - 1]).toBe(0x0a);
    const rows: (string | null)[][] = [];
    for await (const r of decodeRows(from(chunks))) rows.push(r);
    expect(rows.slice(0, 7).map((r) => r[1])).toEqual(texts);
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get('100')?.[1] === long).toBe(true);
    expect(byId.get('100')?.slice(2)).toEqual([
      `\\x${all256.toString('hex')}`,
      '9007199254740993',
      '0.1',
      '1',
      '2024-01-02 03:04:05',
    ]);
    expect(byId.get('101')).toEqual(['101', 'x', '\\x', '-9223372036854775808', '1e+21', '0', null]);
    expect(byId.get('102')?.[4]).toBe('-1.5e-07');

    const copy = await open(`sqlite:${join(dir, 'copy.db')}`, 'target');
    await copy.begin('write');
    await copy.lockForCopy();
    for (const s of copy.schemaDdl(schema).beforeLoad) await copy.exec(s);
    // Booleans in every spelling a writer must take, a timestamp with +00.
    const extra = Buffer.from(
      `${encodeRow(['5000', 'a', null, '5', 'Infinity', 't', '2024-01-02 03:04:05+00'])}\n${encodeRow(['5001', 'b', null, '6', '2', 'false', null])}\n`,
    );
    await copy.writeRows(table, columns, from([...chunks, extra]));
    expect(await copy.countRows(table)).toBe(rows.length + 2);
    const back = await collect(copy.readRows(table, columns));
    // A boolean, so a failure does not print 200 kB of text.
    expect(
      Buffer.concat(back).toString() ===
        `${Buffer.concat(chunks).toString()}${encodeRow(['5000', 'a', null, '5', 'Infinity', '1', '2024-01-02 03:04:05'])}\n${encodeRow(['5001', 'b', null, '6', '2', '0', null])}\n`,
    ).toBe(true);
    expect(await copy.sampleRows(table, ['id', 'b'], 1, 6)).toEqual([['1', null]]);
    await copy.commit();
    const check = new Database(join(dir, 'copy.db'), { readonly: true, fileMustExist: true });
    const stored = check
      .prepare('SELECT b, typeof(big) AS big, typeof(f) AS f FROM odd WHERE id = 100')
      .get() as {
      b: Buffer;
      big: string;
      f: string;
    };
    expect(stored).toEqual({ b: all256, big: 'integer', f: 'real' });
    check.close();
    await source.rollback();
  });

  test('an aborted read stops, and the connection is free again after a half-read stream', async () => {
    const dir = await tempDir();
    const file = join(dir, 'big.db');
    plant(
      file,
      `CREATE TABLE t (v TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                 INSERT INTO t SELECT printf('%0100d', i) FROM n;`,
    );
    const db = await open(`sqlite:${file}`, 'source');
    const table = { schema: 'main', name: 't' };
    const controller = new AbortController();
    let seen = 0;
    await expect(
      (async () => {
        for await (const _ of db.readRows(table, ['v'], controller.signal)) {
          seen++;
          controller.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(seen).toBe(1);
    for await (const _ of db.readRows(table, ['v'])) break;
    expect(await db.countRows(table)).toBe(20000);
  });
});

describe('sqlite release', () => {
  test('the target changes only on commit; a rollback leaves it and no temporary file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'target.db');
    plant(file, 'CREATE TABLE old (x); INSERT INTO old VALUES (1);');
    const before = await readFile(file);
    const target = await open(`sqlite:${file}`, 'target');
    await target.begin('write');
    await target.lockForCopy();
    expect(await target.listUserRelations()).toEqual(['main.old']);
    await target.dropUserObjects();
    expect(await target.listUserRelations()).toEqual([]);
    await target.exec('CREATE TABLE fresh (y)');
    await target.exec('INSERT INTO fresh VALUES (2)');
    expect(await target.countRows({ schema: 'public', name: 'fresh' })).toBe(1);
    expect((await target.introspect()).tables.map((t) => t.name)).toEqual(['fresh']);
    expect(await readFile(file)).toEqual(before);
    await target.rollback();
    expect(await readFile(file)).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['target.db']);

    await target.begin('write');
    await target.lockForCopy();
    await target.dropUserObjects();
    await target.exec('CREATE TABLE fresh (y)');
    await target.commit();
    expect((await readdir(dir)).sort()).toEqual(['target.db']);
    expect(await target.listUserRelations()).toEqual(['main.fresh']);

    // A write without --replace keeps what the target held.
    await target.begin('write');
    await target.exec('CREATE TABLE more (z)');
    await target.commit();
    expect(await target.listUserRelations()).toEqual(['main.fresh', 'main.more']);
  });

  test('a target that does not exist is only made on commit', async () => {
    const dir = await tempDir();
    const file = join(dir, 'new.db');
    const target = await open(`sqlite:${file}`, 'target');
    expect(await target.listUserRelations()).toEqual([]);
    expect((await target.introspect()).tables).toEqual([]);
    await target.begin('write');
    await target.lockForCopy();
    await target.exec('CREATE TABLE t (x)');
    await target.rollback();
    expect(existsSync(file)).toBe(false);
  });

  test('a source file that does not exist is LP_CONNECTION and is not created', async () => {
    const dir = await tempDir();
    await expect(openDatabase(`sqlite:${join(dir, 'nope.db')}`, 'source')).rejects.toMatchObject({
      code: 'LP_CONNECTION',
      message: expect.stringContaining('nope.db'),
    });
    expect(existsSync(join(dir, 'nope.db'))).toBe(false);
    await expect(openDatabase('sqlite:', 'source')).rejects.toMatchObject({ code: 'LP_BAD_URL' });
  });

  test("a second copy onto the same file is LP_TARGET_BUSY; a killed run's temporary file is removed", async () => {
    const dir = await tempDir();
    const file = join(dir, 't.db');
    const stale = `${file}.leakproof-999999999-abcdef.tmp`;
    await writeFile(stale, 'left by a killed run');
    const first = await open(`sqlite:${file}`, 'target');
    const second = await open(`sqlite:${join(dir, '.', 't.db')}`, 'target');
    await first.begin('write');
    await first.lockForCopy();
    expect(existsSync(stale)).toBe(false);
    await second.begin('write');
    await expect(second.lockForCopy()).rejects.toMatchObject({ code: 'LP_TARGET_BUSY' });
    await second.rollback();
    await first.exec('CREATE TABLE a (x)');
    await first.commit();
    await second.begin('write');
    await second.lockForCopy();
    await second.rollback();
  });

  test('identity is the real path: relative, absolute and through a symbolic link', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'real'));
    plant(join(dir, 'real', 'x.db'), 'CREATE TABLE t (x)');
    await symlink(join(dir, 'real'), join(dir, 'link'));
    const a = await open(`sqlite:${relative(process.cwd(), join(dir, 'real', 'x.db'))}`, 'source');
    const b = await open(`sqlite://${join(dir, 'link', 'x.db')}`, 'target');
    const c = await open(`sqlite:${join(dir, 'link', 'y.db')}`, 'target');
    const d = await open(`sqlite:${join(dir, 'real', 'y.db')}`, 'target');
    expect(await a.identity()).toBe(await b.identity());
    expect(await c.identity()).toBe(await d.identity());
    expect(await a.identity()).not.toBe(await c.identity());
  });
});

describe('sqlite cross-engine DDL', () => {
  test('portable types map to SQLite declared types that read back as the same portable types', () => {
    const table = { schema: 'public', name: 't' } as TableModel;
    const cases: [Parameters<typeof textColumn>[0], string, string | null][] = [
      [{ portable: 'integer' }, 'INTEGER', 'bigint'],
      [{ portable: 'tinyint' }, 'INTEGER', 'bigint'],
      [{ portable: 'decimal', numericPrecision: 12, numericScale: 3 }, 'NUMERIC(12,3)', 'decimal'],
      [{ portable: 'decimal' }, 'NUMERIC', 'decimal'],
      [{ portable: 'real' }, 'REAL', 'double'],
      [{ portable: 'boolean' }, 'BOOLEAN', 'boolean'],
      [{ portable: 'varchar', maxLength: 80 }, 'VARCHAR(80)', 'varchar'],
      [{ portable: 'char', maxLength: 2 }, 'CHAR(2)', 'char'],
      [{ portable: 'date' }, 'DATE', 'date'],
      [{ portable: 'timestamp' }, 'DATETIME', 'timestamp'],
      [{ portable: 'timestamptz' }, 'TIMESTAMPTZ', 'timestamptz'],
      [{ portable: 'time' }, 'TIME', 'time'],
      [{ portable: 'json' }, 'JSON', 'json'],
      [{ portable: 'uuid' }, 'UUID', 'uuid'],
      [{ portable: 'binary' }, 'BLOB', 'binary'],
      [{ portable: 'enum' }, 'TEXT', 'text'],
      [{ portable: 'set' }, 'TEXT', 'text'],
    ];
    for (const [overrides, spelled, readBack] of cases) {
      expect(sqliteTypeOf(table, textColumn(overrides))).toBe(spelled);
      expect(declaredType(spelled).portable).toBe(readBack);
    }
    expect(declaredType('VARCHAR(80)').maxLength).toBe(80);
    expect(() => sqliteTypeOf(table, textColumn({ name: 'tags', type: 'text[]', isArray: true }))).toThrow(
      expect.objectContaining({
        code: 'LP_TYPE_UNMAPPED',
        message: expect.stringContaining('public.t.tags'),
      }),
    );
  });

  test('a PostgreSQL model becomes SQLite tables with keys inline and indexes after the load', async () => {
    const dir = await tempDir();
    const pg = await open(`pglite:${join(dir, 'pg')}`, 'source');
    await pg.exec(`
      CREATE TABLE public.region (code varchar(4) PRIMARY KEY, name text NOT NULL);
      CREATE TABLE public.person (
        id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        name varchar(60) NOT NULL, email text UNIQUE, born date, seen timestamptz,
        paid numeric(8,2), happy boolean, photo bytea, profile jsonb, token uuid, ratio double precision,
        region varchar(4) REFERENCES public.region (code), shout text GENERATED ALWAYS AS (upper(name)) STORED,
        CHECK (paid > 0));
      CREATE INDEX person_born ON public.person (born);
      CREATE INDEX person_lower ON public.person (lower(name));
      INSERT INTO public.person (name) VALUES ('a'), ('b');`);
    const schema = await introspectPostgres(pg);
    const target = await open(`sqlite:${join(dir, 'x.db')}`, 'target');
    const ddl = target.schemaDdl(schema);
    expect(ddl.views).toEqual([]);
    expect(ddl.afterLoad).toContain('CREATE INDEX "person_born" ON "person" ("born")');
    expect(ddl.afterLoad.some((s) => s.includes('person_lower'))).toBe(false);
    await target.begin('write');
    for (const s of [...ddl.beforeLoad, ...ddl.afterLoad]) await target.exec(s);
    await target.commit();
    const rebuilt = await target.introspect();
    const person = rebuilt.tables.find((t) => t.name === 'person')!;
    expect(person.columns.map((c) => [c.name, c.portable])).toEqual([
      ['id', 'bigint'],
      ['name', 'varchar'],
      ['email', 'text'],
      ['born', 'date'],
      ['seen', 'timestamptz'],
      ['paid', 'decimal'],
      ['happy', 'boolean'],
      ['photo', 'binary'],
      ['profile', 'json'],
      ['token', 'uuid'],
      ['ratio', 'double'],
      ['region', 'varchar'],
      ['shout', 'text'],
    ]);
    expect(person.columns.find((c) => c.name === 'id')?.identity).toBe('by default');
    expect(person.autoIncrement).toBe('3');
    expect(person.columns.every((c) => c.generatedExpr === null)).toBe(true);
    expect(person.checks).toEqual([]);
    expect(person.uniques.map((u) => u.columns)).toEqual([['email']]);
    expect(person.foreignKeys.map((f) => [f.columns, f.referencedTable, f.referencedColumns])).toEqual([
      [['region'], 'region', ['code']],
    ]);

    await pg.exec('CREATE TABLE public.tagged (id int PRIMARY KEY, tags text[])');
    const withArray = await introspectPostgres(pg);
    expect(() => target.schemaDdl(withArray)).toThrow(expect.objectContaining({ code: 'LP_TYPE_UNMAPPED' }));
    await pg.exec('CREATE SCHEMA other; CREATE TABLE other.t (id int)');
    expect(() => target.schemaDdl(withArray)).toThrow(expect.objectContaining({ code: 'LP_TYPE_UNMAPPED' }));
    const twoSchemas = await introspectPostgres(pg);
    expect(() => target.schemaDdl(twoSchemas)).toThrow(
      expect.objectContaining({ code: 'LP_UNSUPPORTED', message: expect.stringContaining('other') }),
    );
  });
});

describe('sqlite end to end', () => {
  test('init and copy onto a fresh SQLite file pass the check; a kept personal column is refused and leaves no target', async () => {
    const dir = await tempDir();
    const source = join(dir, 'prod.db');
    const people = Array.from(
      { length: 40 },
      (_, i) =>
        `(${i + 1}, 'Voornaam${i}', 'Achternaam${String.fromCharCode(97 + (i % 26))}${i}', 'persoon${i}@voorbeeld.nl', '06${String(12345678 + i * 7919).padStart(8, '0')}', '19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 9}')`,
    );
    plant(
      source,
      `CREATE TABLE applicant (id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
         email TEXT UNIQUE, phone TEXT, birth_date DATE);
       CREATE TABLE application (id INTEGER PRIMARY KEY AUTOINCREMENT, applicant_id INTEGER NOT NULL REFERENCES applicant (id),
         status TEXT NOT NULL, submitted DATETIME);
       INSERT INTO applicant VALUES ${people.join(', ')};
       INSERT INTO application (applicant_id, status, submitted) SELECT id, 'open', '2024-01-01 10:00:00' FROM applicant;`,
    );
    const policy = join(dir, 'policy.yaml');
    const init = await leakproof(['init', '--source', `sqlite:${source}`, '--out', policy]);
    expect(init.code, init.stderr).toBe(0);
    const target = join(dir, 'copy.db');
    const copy = await leakproof([
      'copy',
      '--quiet',
      '--source',
      `sqlite:${source}`,
      '--target',
      `sqlite:${target}`,
      '--policy',
      policy,
    ]);
    expect(copy.code, copy.stderr).toBe(0);
    const check = new Database(target, { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM application').get()).toEqual({ n: 40 });
    const emails = check.prepare('SELECT email FROM applicant').all() as { email: string }[];
    expect(emails.some((e) => e.email === 'persoon1@voorbeeld.nl')).toBe(false);
    check.close();
    expect((await readdir(dir)).filter((f) => f.includes('leakproof'))).toEqual([]);

    const draft = parse(await readFile(policy, 'utf8'));
    const applicant = draft.tables.applicant ?? draft.tables['main.applicant'];
    applicant.columns.email = 'keep';
    const leaky = join(dir, 'leaky.yaml');
    await writeFile(leaky, stringify(draft));
    const refused = join(dir, 'refused.db');
    const run = await leakproof([
      'copy',
      '--quiet',
      '--source',
      `sqlite:${source}`,
      '--target',
      `sqlite:${refused}`,
      '--policy',
      leaky,
    ]);
    expect(run.code, run.stderr).toBe(4);
    expect(existsSync(refused)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.includes('leakproof'))).toEqual([]);

    const same = await leakproof([
      'copy',
      '--quiet',
      '--source',
      `sqlite:${source}`,
      '--target',
      `sqlite:${source}`,
      '--policy',
      policy,
    ]);
    expect(same.code).not.toBe(0);
    expect(same.stderr).toContain('same database');
  });
});
