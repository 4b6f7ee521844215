/**
 * `transformRows` with a row redraw: a row whose fakes are taken together is made again under the
 * later draws, only in the columns a transform wrote, and linked columns follow the new fakes.
 */
import { describe, expect, test } from 'vitest';
import type { RowValues, ValueTransform } from '../transforms/transform.js';
import { type RowRedraw, transformRows } from './transform-rows.js';

async function run(
  text: string,
  transforms: readonly (ValueTransform | null)[],
  redraw: RowRedraw | null,
  linkedOrder: readonly number[] = [],
): Promise<string[][]> {
  async function* chunks() {
    yield Buffer.from(text, 'utf8');
  }
  const counter = { rows: 0 };
  const names = { table: 'public.t', columns: transforms.map((_, i) => `c${i}`) };
  let out = '';
  for await (const chunk of transformRows(chunks(), transforms, counter, names, linkedOrder, redraw))
    out += chunk.toString('utf8');
  expect(counter.rows).toBe(text.split('\n').length - 1);
  return out
    .split('\n')
    .slice(0, -1)
    .map((line) => line.split('\t'));
}

/** Draw n of a column marks its value with `#n`; the first draw with `*`. */
const first: ValueTransform = (value) => `${value}*`;
const drawn =
  (attempt: number): ValueTransform =>
  (value) =>
    `${value}#${attempt}`;

function redrawWhen(taken: (values: readonly (string | null)[]) => number[]): RowRedraw & { asked: number } {
  const redraw = {
    asked: 0,
    taken: (values: readonly (string | null)[]) => {
      redraw.asked++;
      return new Set(taken(values));
    },
    transformsOf: (attempt: number) => [null, drawn(attempt), drawn(attempt), null],
  };
  return redraw;
}

describe('transformRows with a row redraw', () => {
  const rows = '1\tAnna\t1980-01-01\tkept\n2\tPiet\t1990-02-02\tkept\n';
  const transforms = [null, first, first, null];

  test('only the taken row is drawn again, and only in the taken column', async () => {
    const redraw = redrawWhen((values) => (values[1] === 'Anna*' ? [1] : []));
    expect(await run(rows, transforms, redraw)).toEqual([
      ['1', 'Anna#1', '1980-01-01*', 'kept'],
      ['2', 'Piet*', '1990-02-02*', 'kept'],
    ]);
  });

  test('a kept column is never changed, and a pair that stays is left for the check after a few draws', async () => {
    const kept = redrawWhen(() => [0, 3]);
    expect(await run(rows, transforms, kept)).toEqual([
      ['1', 'Anna*', '1980-01-01*', 'kept'],
      ['2', 'Piet*', '1990-02-02*', 'kept'],
    ]);
    expect(kept.asked).toBe(2);
    const always = redrawWhen(() => [1]);
    const [row] = await run('1\tAnna\t1980-01-01\tkept\n', transforms, always);
    expect(row).toEqual(['1', 'Anna#8', '1980-01-01*', 'kept']);
    expect(always.asked).toBe(9);
  });

  test('a column once taken stays drawn anew while another is drawn', async () => {
    const redraw = redrawWhen((values) =>
      values[1] === 'Anna*' ? [1] : values[2] === '1980-01-01*' && values[1] === 'Anna#1' ? [2] : [],
    );
    const [row] = await run('1\tAnna\t1980-01-01\tkept\n', transforms, redraw);
    expect(row).toEqual(['1', 'Anna#2', '1980-01-01#2', 'kept']);
  });

  test('a linked column follows the new fake of the column it reads', async () => {
    const linked: ValueTransform = (_value: string, row?: RowValues) => `${row!.written('c1')}@mail`;
    const redraw = redrawWhen((values) => (values[1] === 'Anna*' ? [1] : []));
    const [row] = await run('1\tAnna\t1980-01-01\tx\n', [null, first, null, linked], redraw, [1, 3]);
    expect(row).toEqual(['1', 'Anna#1', '1980-01-01', 'Anna#1@mail']);
  });

  test('NULL stays NULL through every draw', async () => {
    const redraw = redrawWhen((values) => (values[1] === 'Anna*' ? [1, 2] : []));
    const [row] = await run('1\tAnna\t\\N\tkept\n', transforms, redraw);
    expect(row).toEqual(['1', 'Anna#1', '\\N', 'kept']);
  });
});
