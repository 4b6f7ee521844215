/**
 * Progress on stderr: per table `rows done/total`, redrawn in place on a terminal, one line per
 * finished table otherwise (CI logs stay short). Silent with --quiet.
 */
import type { CopyProgress } from '../copy/copy-database.js';
import type { CliIo } from './io.js';

const fmt = (n: number) => n.toLocaleString('en-US');

export function progressPrinter(io: CliIo, quiet: boolean): CopyProgress {
  if (quiet) return { warning: (m) => io.stderr(`warning: ${m}\n`) };
  let lastDraw = 0;
  return {
    phase: (description) => io.stderr(`${description}…\n`),
    rowsCopied: (table, done, total) => {
      if (!io.interactive) return;
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      io.stderr(`\r  ${table}  ${fmt(done)}/${fmt(total)} rows`);
    },
    tableDone: (table, rows, seconds) => {
      io.stderr(
        `${io.interactive ? '\r\x1b[K' : ''}  ${table}  ${fmt(rows)}/${fmt(rows)} rows  ${seconds.toFixed(2)} s\n`,
      );
    },
    warning: (m) => io.stderr(`warning: ${m}\n`),
  };
}
