/**
 * Rewrites a stream of COPY text chunks row by row. Only the fields of transformed columns are
 * decoded and re-encoded; the rest of each line is copied as it came. Chunks hold whole rows (the
 * adapters guarantee it), so a chunk can be decoded as UTF-8 on its own.
 */
import { countLines, decodeField, encodeField } from '../adapters/copy-text.js';
import { LeakproofError } from '../errors.js';
import type { RowValues, ValueTransform } from '../transforms/transform.js';

export interface RowCounter {
  rows: number;
}

/** Counts rows while passing chunks through untouched (tables with no transformed column). */
async function* countRows(chunks: AsyncIterable<Buffer>, counter: RowCounter): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    counter.rows += countLines(chunk);
    yield chunk;
  }
}

/**
 * A transform that throws is reported by table, column and row number only: an error thrown from
 * inside a library (a JSON parser, say) may quote the value it choked on.
 */
function transformFailed(
  where: string,
  column: string | undefined,
  row: number,
  error: unknown,
): LeakproofError {
  const reason =
    error instanceof LeakproofError ? error.message : `${error instanceof Error ? error.name : 'error'}`;
  return new LeakproofError(
    'LP_TRANSFORM',
    `${where}.${column}: the transform failed on row ${row} of the table (${reason}).`,
  );
}

export async function* transformRows(
  chunks: AsyncIterable<Buffer>,
  transforms: readonly (ValueTransform | null)[],
  counter: RowCounter,
  names: { readonly table: string; readonly columns: readonly string[] },
  linkedOrder: readonly number[] = [],
): AsyncGenerator<Buffer> {
  if (transforms.every((t) => t === null)) {
    yield* countRows(chunks, counter);
    return;
  }
  if (linkedOrder.length > 0) {
    yield* transformLinkedRows(chunks, transforms, counter, names, linkedOrder);
    return;
  }
  const active = transforms.flatMap((t, i) => (t === null ? [] : [[i, t] as const]));
  for await (const chunk of chunks) {
    const lines = chunk.toString('utf8').split('\n');
    lines.pop(); // the chunk ends with a newline, so the last piece is empty
    for (let l = 0; l < lines.length; l++) {
      const fields = lines[l]!.split('\t');
      for (const [i, transform] of active) {
        const value = decodeField(fields[i]!);
        if (value === null) continue;
        try {
          fields[i] = encodeField(transform(value));
        } catch (error) {
          throw transformFailed(names.table, names.columns[i], counter.rows + l + 1, error);
        }
      }
      lines[l] = fields.join('\t');
    }
    counter.rows += lines.length;
    yield Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  }
}

/**
 * The same for tables where some transform reads other columns of its row: each row's fields are
 * decoded on demand, and transformed columns are computed in `order`, so a linked column's fake is
 * there when the column that reads it is made.
 */
async function* transformLinkedRows(
  chunks: AsyncIterable<Buffer>,
  transforms: readonly (ValueTransform | null)[],
  counter: RowCounter,
  names: { readonly table: string; readonly columns: readonly string[] },
  order: readonly number[],
): AsyncGenerator<Buffer> {
  const position = new Map(names.columns.map((name, i) => [name, i] as const));
  const unset = Symbol('unset');
  for await (const chunk of chunks) {
    const lines = chunk.toString('utf8').split('\n');
    lines.pop();
    for (let l = 0; l < lines.length; l++) {
      const fields = lines[l]!.split('\t');
      const source: (string | null | typeof unset)[] = fields.map(() => unset);
      const written: (string | null | typeof unset)[] = fields.map(() => unset);
      const sourceAt = (i: number): string | null => {
        const v = source[i] as string | null | typeof unset;
        if (v !== unset) return v;
        const decoded = decodeField(fields[i]!);
        source[i] = decoded;
        return decoded;
      };
      const at = (column: string): number => {
        const i = position.get(column);
        if (i === undefined)
          throw new LeakproofError('LP_INTERNAL', `${names.table} has no copied column ${column}.`);
        return i;
      };
      const row: RowValues = {
        source: (column) => sourceAt(at(column)),
        written: (column) => {
          const i = at(column);
          const v = written[i] as string | null | typeof unset;
          return v === unset ? sourceAt(i) : v;
        },
      };
      for (const i of order) {
        const value = sourceAt(i);
        if (value === null) {
          written[i] = null;
          continue;
        }
        try {
          const out = transforms[i]!(value, row);
          written[i] = out;
          fields[i] = encodeField(out);
        } catch (error) {
          throw transformFailed(names.table, names.columns[i], counter.rows + l + 1, error);
        }
      }
      lines[l] = fields.join('\t');
    }
    counter.rows += lines.length;
    yield Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  }
}
