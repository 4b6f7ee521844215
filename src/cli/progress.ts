/**
 * Progress on stderr that a person can follow on a long run. On a terminal: a bar per table with
 * rows, rate and time left, redrawn in place, left standing when the table is done. Elsewhere (CI
 * logs): a line per finished table, and one every 10 s for a long one. Nothing with --quiet but
 * warnings. Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
 */
import type { CopyProgress } from '../copy/copy-database.js';
import type { CliIo } from './io.js';

const fmt = (n: number) => n.toLocaleString('en-US');
const BAR_CELLS = 24;

export interface TableProgress {
  readonly table: string;
  readonly done: number;
  readonly total: number;
  readonly seconds: number;
}

/** `1 h 02 min`, `3 min 05 s`, `42 s`: the time left, as a person says it. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600)
    return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/** One table's line: name, bar, rows, rate and (while running) time left. */
export function progressLine(
  p: TableProgress,
  options: { bar: boolean; color: boolean; finished: boolean },
): string {
  const rate = p.seconds > 0 ? p.done / p.seconds : 0;
  const parts = [`  ${p.table}`];
  if (options.bar) parts.push(bar(p.total > 0 ? p.done / p.total : 1, options.color));
  parts.push(`${fmt(p.done)}/${fmt(p.total)} rows`);
  if (options.finished) parts.push(`${p.seconds.toFixed(2)} s`);
  if (rate > 0) parts.push(`${fmt(Math.round(rate))} rows/s`);
  if (!options.finished && rate > 0 && p.total > p.done)
    parts.push(`${formatDuration((p.total - p.done) / rate)} left`);
  return parts.join('  ');
}

function bar(fraction: number, color: boolean): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_CELLS);
  const done = '█'.repeat(filled);
  const rest = '░'.repeat(BAR_CELLS - filled);
  return color ? `\x1b[32m${done}\x1b[2m${rest}\x1b[0m` : `${done}${rest}`;
}

export function progressPrinter(io: CliIo, quiet: boolean): CopyProgress {
  const warning = (m: string) => io.stderr(`warning: ${m}\n`);
  if (quiet) return { warning };
  const color = io.interactive && !io.env.NO_COLOR;
  const interval = io.interactive ? 100 : 10_000;
  let started = Date.now();
  let lastDraw = started;
  const seconds = () => (Date.now() - started) / 1000;
  const fingerprinted = new TableTimes(io, false, 'fingerprinted');
  return {
    phase: (description) => {
      io.stderr(`${description}…\n`);
      fingerprinted.restart();
    },
    tableFingerprinted: fingerprinted.tableDone,
    tableStarted: () => {
      started = Date.now();
      lastDraw = started;
    },
    rowsCopied: (table, done, total) => {
      const now = Date.now();
      if (now - lastDraw < interval) return;
      lastDraw = now;
      const line = progressLine(
        { table, done, total, seconds: seconds() },
        { bar: io.interactive, color, finished: false },
      );
      io.stderr(io.interactive ? `\r\x1b[K${line}` : `${line}\n`);
    },
    tableDone: (table, rows, took) => {
      const line = progressLine(
        { table, done: rows, total: rows, seconds: took },
        { bar: io.interactive, color, finished: true },
      );
      io.stderr(`${io.interactive ? '\r\x1b[K' : ''}${line}\n`);
    },
    warning,
  };
}

/**
 * Reads that know no total ahead (`verify`, `fingerprint`, `scan`): a line per table as it is
 * done, and the rows and seconds of each kept for the report.
 */
export class TableTimes {
  readonly rows = new Map<string, number>();
  readonly seconds = new Map<string, number>();
  #last = performance.now();

  constructor(
    private readonly io: CliIo,
    private readonly quiet: boolean,
    private readonly verb: string,
  ) {}

  /** Marks where the next table starts (after a phase that is not per table). */
  restart(): void {
    this.#last = performance.now();
  }

  readonly tableDone = (table: string, rows: number): void => {
    const now = performance.now();
    const seconds = (now - this.#last) / 1000;
    this.#last = now;
    this.rows.set(table, rows);
    this.seconds.set(table, (this.seconds.get(table) ?? 0) + seconds);
    if (!this.quiet) this.io.stderr(`  ${table}  ${fmt(rows)} rows ${this.verb}  ${seconds.toFixed(2)} s\n`);
  };
}
