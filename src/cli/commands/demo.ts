/** `leakproof demo`: the whole job on the embedded engine, with nothing installed. */
import { resolve } from 'node:path';
import { openDatabase } from '../../adapters/open-database.js';
import { prepareDemo } from '../../demo/prepare-demo.js';
import type { CliIo } from '../io.js';
import { htmlPathFor } from '../report-files.js';
import { runCopyCommand } from './copy.js';

export async function runDemoCommand(
  options: { dir: string; applicants: number; quiet?: boolean; register?: string },
  io: CliIo,
): Promise<void> {
  const say = (message: string) => {
    if (!options.quiet) io.stderr(`${message}…\n`);
  };
  const paths = await prepareDemo(options.dir, (url) => openDatabase(url, 'source'), {
    applicants: options.applicants,
    onProgress: say,
  });
  const report = await runCopyCommand(
    {
      source: paths.sourceUrl,
      target: paths.targetUrl,
      policy: paths.policyFile,
      keyFile: paths.keyFile,
      report: paths.reportFile,
      replace: true,
      quiet: options.quiet,
      // The demo's copies are recorded beside it, not in the user's own register.
      register:
        options.register ??
        (io.env.LEAKPROOF_REGISTER ? undefined : `pglite:${resolve(options.dir, 'register')}`),
    },
    io,
  );
  io.stdout(
    [
      `Leakproof demo: ${report.totals.tables} tables, ${report.totals.rows.toLocaleString('en-US')} rows, ` +
        `${report.totals.columnsTransformed} columns transformed in ${(report.timings.total ?? 0).toFixed(1)} s.`,
      `  leak check:          passed, ${(report.verification?.scanned.values ?? 0).toLocaleString('en-US')} values ` +
        'of the copy read, no personal data of the source found',
      `  production (source): ${paths.sourceUrl}`,
      `  anonymized copy:     ${paths.targetUrl}`,
      `  policy:              ${paths.policyFile}`,
      `  key:                 ${paths.keyFile} (keep it secret; it makes the pseudonyms)`,
      `  report:              ${htmlPathFor(paths.reportFile)} (for people; ${paths.reportFile} for tools)`,
      `  register of copies:  ${report.register?.location ?? '(none)'} (run ${report.register?.runId ?? '?'}; list with leakproof copies --register …)`,
      '',
    ].join('\n'),
  );
}
