/**
 * Every report is written twice: `report.json` for tools, and `report.html` beside it for the
 * people who sign off on a copy. The HTML is rendered from the same report object, so the two
 * cannot disagree.
 */
import { writeFile } from 'node:fs/promises';
import { renderHtmlReport } from '../report/html-report.js';
import { type RunReport, renderJsonReport } from '../report/run-report.js';

/** `run.json` → `run.html`; any other name gets `.html` added (`run.out` → `run.out.html`). */
export function htmlPathFor(jsonPath: string): string {
  return /\.json$/i.test(jsonPath) ? jsonPath.replace(/\.json$/i, '.html') : `${jsonPath}.html`;
}

/** Writes the JSON report at `jsonPath` and the HTML one beside it; returns the HTML's path. */
export async function writeReportFiles(jsonPath: string, report: RunReport): Promise<string> {
  const htmlPath = htmlPathFor(jsonPath);
  await writeFile(jsonPath, renderJsonReport(report));
  await writeFile(htmlPath, renderHtmlReport(report));
  return htmlPath;
}
