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

/** Drawing a row's fakes again when together they are a real person's (see `TablePlan.redraw`). */
export interface RowRedraw {
  /** Positions of the row's values (as written) that hold a piece of such a pair. */
  readonly taken: (values: readonly (string | null)[]) => ReadonlySet<number>;
  /** The transforms of draw `attempt` (1, 2, …), one per column as in the plan. */
  readonly transformsOf: (attempt: number) => readonly (ValueTransform | null)[];
}

/**
 * Draws of one row after the first. Pairs are rare (a few rows in ten thousand), and a pair left
 * after these is the leak check's to report, not a reason to loop.
 */
const MAX_ROW_DRAWS = 8;

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
  redraw: RowRedraw | null = null,
): AsyncGenerator<Buffer> {
  if (transforms.every((t) => t === null)) {
    yield* countRows(chunks, counter);
    return;
  }
  if (linkedOrder.length > 0 || redraw !== null) {
    const order =
      linkedOrder.length > 0 ? linkedOrder : transforms.flatMap((t, i) => (t === null ? [] : [i]));
    yield* transformWholeRows(chunks, transforms, counter, names, order, redraw);
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
 * The same, row by row with every field at hand: for tables where some transform reads other
 * columns of its row, and where the row's fakes are checked together (`redraw`). Transformed
 * columns are computed in `order`, so a linked column's fake is there when the column that reads
 * it is made. A row whose fakes are taken together is made again under later draws, the taken
 * columns with that draw's transforms and the rest as before (linked ones then follow the new fakes).
 */
async function* transformWholeRows(
  chunks: AsyncIterable<Buffer>,
  transforms: readonly (ValueTransform | null)[],
  counter: RowCounter,
  names: { readonly table: string; readonly columns: readonly string[] },
  order: readonly number[],
  redraw: RowRedraw | null,
): AsyncGenerator<Buffer> {
  const position = new Map(names.columns.map((name, i) => [name, i] as const));
  const at = (column: string): number => {
    const i = position.get(column);
    if (i === undefined)
      throw new LeakproofError('LP_INTERNAL', `${names.table} has no copied column ${column}.`);
    return i;
  };
  for await (const chunk of chunks) {
    const lines = chunk.toString('utf8').split('\n');
    lines.pop();
    for (let l = 0; l < lines.length; l++) {
      const fields = lines[l]!.split('\t');
      const source = fields.map((field) => decodeField(field));
      const written: (string | null)[] = source.slice();
      const row: RowValues = {
        source: (column) => source[at(column)]!,
        written: (column) => written[at(column)]!,
      };
      const make = (i: number, transform: ValueTransform) => {
        const value = source[i]!;
        if (value === null) return;
        try {
          written[i] = transform(value, row);
        } catch (error) {
          throw transformFailed(names.table, names.columns[i], counter.rows + l + 1, error);
        }
      };
      for (const i of order) make(i, transforms[i]!);
      let taken = redraw === null ? new Set<number>() : producedIn(redraw.taken(written), transforms);
      // Once taken, a column stays drawn anew: going back to its first draw could remake the pair.
      const drawn = new Set<number>();
      for (let attempt = 1; taken.size > 0 && attempt <= MAX_ROW_DRAWS; attempt++) {
        const again = redraw!.transformsOf(attempt);
        for (const i of taken) drawn.add(i);
        for (const i of order) {
          written[i] = source[i]!;
          make(i, drawn.has(i) ? again[i]! : transforms[i]!);
        }
        taken = producedIn(redraw!.taken(written), transforms);
      }
      for (const i of order) fields[i] = encodeField(written[i]!);
      lines[l] = fields.join('\t');
    }
    counter.rows += lines.length;
    yield Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  }
}

/** The positions among `taken` that a transform wrote: kept values are not the copy's to change. */
function producedIn(taken: ReadonlySet<number>, transforms: readonly (ValueTransform | null)[]): Set<number> {
  const produced = new Set<number>();
  for (const i of taken) if (transforms[i] !== null) produced.add(i);
  return produced;
}
