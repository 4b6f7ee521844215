/**
 * The file readers' parsing, on the shapes dumps and exports really take: strings over lines,
 * both quoting styles, casts, hex, multi-line CSV fields, JSON split without being held whole.
 * (The readers end to end, against real dumps, are in test/check/scan-files.test.ts.)
 */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { decodeField } from '../../adapters/copy-text.js';
import type { RowScanner, ScanColumn, TracedFinding } from '../matching/row-scanner.js';
import { readCsv, sniffDelimiter } from './csv-reader.js';
import { formatOf } from './file-format.js';
import { linesOf } from './file-lines.js';
import { FileRowSink } from './file-row-sink.js';
import { readJsonDocument, readJsonLines } from './json-reader.js';
import { readSqlDump } from './sql-dump-reader.js';
import { type SqlValue, SqlValuesReader } from './sql-values.js';

function tuplesOf(dialect: 'postgres' | 'mysql', ...lines: string[]): SqlValue[][] {
  const out: SqlValue[][] = [];
  const reader = new SqlValuesReader(dialect, (v) => out.push(v));
  for (const line of lines) reader.feed(`${line}\n`);
  expect(reader.ended).toBe(true);
  return out;
}

describe('INSERT values', () => {
  test('PostgreSQL: doubled quotes, NULL, numbers, casts, E-strings, a string over lines', () => {
    expect(
      tuplesOf(
        'postgres',
        "(1, 'O''Brien', NULL, 3.5, '{\"a\": 1}'::jsonb, E'tab\\there'),",
        "\t(2, 'first line",
        "second line', now(), ROW('x', 2));",
      ),
    ).toEqual([
      ['1', "O'Brien", null, '3.5', '{"a": 1}', 'tab\there'],
      ['2', 'first line\nsecond line', 'now()', "ROW('x', 2)"],
    ]);
  });

  test('MySQL: backslash escapes, hex and _binary literals, many rows on one line', () => {
    expect(tuplesOf('mysql', "(1,'it\\'s','a\\\\b\\nc',0x4A616E,_binary 'x'),(2,'','',NULL,X'00');")).toEqual(
      [
        ['1', "it's", 'a\\b\nc', '\\x4A616E', 'x'],
        ['2', '', '', null, '\\x00'],
      ],
    );
  });

  test('a semicolon inside a string does not end the statement', () => {
    expect(tuplesOf('postgres', "(1, 'a;b'), (2, ')');")).toEqual([
      ['1', 'a;b'],
      ['2', ')'],
    ]);
  });
});

/** A sink whose scanner records the rows it is given, decoded, with their row names. */
function recordingSink(): {
  sink: FileRowSink;
  rows: { table: string; row: string; values: (string | null)[] }[];
} {
  const rows: { table: string; row: string; values: (string | null)[] }[] = [];
  const scanner = {
    scanRow(
      table: string,
      columns: readonly ScanColumn[],
      values: readonly (string | null)[],
      rowKey: (hit: ReadonlySet<number>) => string,
    ): TracedFinding[] {
      rows.push({
        table: `${table}(${columns.map((c) => `${c.name}:${c.shape.category}`).join(',')})`,
        row: rowKey(new Set()),
        values: [...values],
      });
      return [];
    },
  } as unknown as RowScanner;
  return { sink: new FileRowSink(scanner, () => {}), rows };
}

const linesFrom = (text: string) => linesOf(Readable.from([Buffer.from(text)]));

describe('SQL dumps', () => {
  test('a COPY block takes its columns and types from the CREATE TABLE before it; rows are named by line', async () => {
    const { sink, rows } = recordingSink();
    const dump = [
      'CREATE TABLE public.person (',
      '    id integer NOT NULL,',
      '    "Full name" text,',
      '    extra jsonb,',
      '    CONSTRAINT x CHECK (id > 0)',
      ');',
      'COPY public.person (id, "Full name", extra) FROM stdin;',
      '1\tJan\\tJansen\t{"a":1}',
      '2\t\\N\t\\N',
      '\\.',
      'SELECT 1;',
    ].join('\n');
    await readSqlDump(linesFrom(dump), sink, { file: 'd.sql', dialect: 'postgres', lineNumbers: true });
    expect(rows).toEqual([
      {
        table: 'd.sql#public.person(id:integer,Full name:text,extra:json)',
        row: 'line 8',
        values: ['1', 'Jan\tJansen', '{"a":1}'],
      },
      {
        table: 'd.sql#public.person(id:integer,Full name:text,extra:json)',
        row: 'line 9',
        values: ['2', null, null],
      },
    ]);
  });

  test('mysqldump: the database of USE, columns of CREATE TABLE, rows numbered in their table', async () => {
    const { sink, rows } = recordingSink();
    const dump = [
      'USE `shop`;',
      'CREATE TABLE `customer` (',
      '  `id` int(11) NOT NULL,',
      '  `name` varchar(80) DEFAULT NULL,',
      '  PRIMARY KEY (`id`)',
      ') ENGINE=InnoDB;',
      "INSERT INTO `customer` VALUES (1,'Ann'),(2,'Bob');",
      "INSERT INTO `customer` VALUES (3,'Cy');",
    ].join('\n');
    await readSqlDump(linesFrom(dump), sink, { file: 'm.sql', dialect: 'mysql', lineNumbers: true });
    expect(rows.map((r) => [r.table, r.row, decodeField(r.values[1] ?? '\\N')])).toEqual([
      ['m.sql#shop.customer(id:integer,name:text)', 'row 1', 'Ann'],
      ['m.sql#shop.customer(id:integer,name:text)', 'row 2', 'Bob'],
      ['m.sql#shop.customer(id:integer,name:text)', 'row 3', 'Cy'],
    ]);
  });

  test('an INSERT without a CREATE TABLE gets unnamed columns, as many as its rows have', async () => {
    const { sink, rows } = recordingSink();
    await readSqlDump(linesFrom("INSERT INTO t VALUES (1, 'a', 'b');"), sink, {
      file: 'x.sql',
      dialect: 'postgres',
      lineNumbers: true,
    });
    expect(rows[0]?.table).toBe('x.sql#t(column 1:text,column 2:text,column 3:text)');
  });
});

describe('CSV', () => {
  test('the delimiter is the one the header uses most outside quotes', () => {
    expect(sniffDelimiter('a;b;"c,d"')).toBe(';');
    expect(sniffDelimiter('a\tb')).toBe('\t');
    expect(sniffDelimiter('single')).toBe(',');
  });

  test("quoted fields over lines, doubled quotes; the header is read as a row too; lines are the file's", async () => {
    const { sink, rows } = recordingSink();
    await readCsv(linesFrom('name,note\r\nAnn,"says ""hi""\non two lines"\r\n\r\nBob,\n'), sink, {
      file: 'p.csv',
    });
    expect(rows.map((r) => [r.row, r.values])).toEqual([
      ['line 1', ['name', 'note']],
      ['line 2', ['Ann', 'says "hi"\non two lines']],
      ['line 5', ['Bob', null]],
    ]);
  });
});

describe('JSON', () => {
  test('JSON lines: a column per key, new keys add columns, nested values as JSON', async () => {
    const { sink, rows } = recordingSink();
    await readJsonLines(linesFrom('{"a":"x","n":2}\n{"b":{"c":"y"}}\nnot json\n'), sink, { file: 'e.jsonl' });
    expect(rows.map((r) => [r.table, r.row, r.values])).toEqual([
      ['e.jsonl(a:text,n:text)', 'line 1', ['x', '2']],
      ['e.jsonl(a:text,n:text,b:json)', 'line 2', [null, null, '{"c":"y"}']],
      ['e.jsonl(a:text,n:text,b:json,text:text)', 'line 3', [null, null, null, 'not json']],
    ]);
  });

  test('a document split into records across chunks: array elements, and arrays under top-level keys', async () => {
    const { sink, rows } = recordingSink();
    const doc = '{"meta": {"v": "1,]"}, "people": [{"n": "A [b]"}, {"n": "C\\"}"}], "count": 2}';
    // Three-character chunks: no record is whole in one chunk.
    const chunks = doc.match(/[\s\S]{1,3}/g) ?? [];
    await readJsonDocument(Readable.from(chunks), sink, { file: 'd.json' });
    expect(rows.map((r) => [r.table.replace(/\(.*/, ''), r.values])).toEqual([
      ['d.json#meta', ['1,]']],
      ['d.json#people', ['A [b]']],
      ['d.json#people', ['C"}']],
      ['d.json#count', ['2']],
    ]);
  });
});

describe('formats', () => {
  const head = (text: string) => Buffer.from(text);
  test('told by content before the name', () => {
    expect(formatOf('x.txt', head('--\n-- PostgreSQL database dump\n--\n'))).toBe('pg-plain');
    expect(formatOf('x.sql', head('-- MariaDB dump 10.19\n'))).toBe('mysqldump');
    expect(formatOf('x', head('PGDMP\x01\x0e\x00'))).toBe('pg-custom');
    expect(formatOf('a.csv', head('a,b\n1,2\n'))).toBe('csv');
    expect(formatOf('a.tsv', head('a\tb\n'))).toBe('tsv');
    expect(formatOf('a.data', head('{"a":1}\n{"a":2}\n'))).toBe('jsonl');
    expect(formatOf('a.data', head('[{"a":1},\n{"a":2}]\n'))).toBe('json');
    expect(formatOf('notes', head('Dear Jan,\n'))).toBe('text');
    expect(formatOf('img', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toBe('binary');
  });
});
