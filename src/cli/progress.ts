/**
 * Progress on stderr: per table `rows done/total`, redrawn in place on a terminal; elsewhere (CI
 * logs) a line per finished table and one every 10 s for a long one. Silent with --quiet.
 */
import type { CopyProgress } from '../copy/copy-database.js';
import type { CliIo } from './io.js';

const fmt = (n: number) => n.toLocaleString('en-US');

export function progressPrinter(io: CliIo, quiet: boolean): CopyProgress {
  if (quiet) return { warning: (m) => io.stderr(`warning: ${m}\n`) };
  let lastDraw = Date.now();
  const interval = io.interactive ? 100 : 10_000;
  return {
    phase: (description) => io.stderr(`${description}…\n`),
    tableStarted: () => {
      lastDraw = Date.now();
    },
    rowsCopied: (table, done, total) => {
      const now = Date.now();
      if (now - lastDraw < interval) return;
      lastDraw = now;
      const line = `  ${table}  ${fmt(done)}/${fmt(total)} rows`;
      io.stderr(io.interactive ? `\r${line}` : `${line}\n`);
    },
    tableDone: (table, rows, seconds) => {
      io.stderr(
        `${io.interactive ? '\r\x1b[K' : ''}  ${table}  ${fmt(rows)}/${fmt(rows)} rows  ${seconds.toFixed(2)} s\n`,
      );
    },
    warning: (m) => io.stderr(`warning: ${m}\n`),
  };
}
