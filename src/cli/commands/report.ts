/** `leakproof report run.json`: the readable HTML page of a report a run wrote earlier. */
import { readFile, writeFile } from 'node:fs/promises';
import { LeakproofError } from '../../errors.js';
import { renderHtmlReport } from '../../report/html-report.js';
import { parseRunReport } from '../../report/read-report.js';
import type { CliIo } from '../io.js';
import { htmlPathFor } from '../report-files.js';

export async function runReportCommand(file: string, options: { out?: string }, io: CliIo): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new LeakproofError(
      'LP_REPORT_FILE',
      `Cannot read ${file} (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  const html = renderHtmlReport(parseRunReport(text, file));
  const out = options.out ?? htmlPathFor(file);
  await writeFile(out, html);
  io.stdout(`${out}\n`);
  return out;
}
