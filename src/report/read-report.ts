/**
 * A `report.json` read back, for `leakproof report`: checked for the parts the HTML page reads, so a
 * file that is not a Leakproof report is refused with its name instead of rendered as an empty page.
 */
import { z } from 'zod';
import { LeakproofError } from '../errors.js';
import { REPORT_VERSION, type RunReport } from './run-report.js';

const counts = z.record(z.string(), z.number());

const reportShape = z.looseObject({
  reportVersion: z.literal(REPORT_VERSION),
  tool: z.looseObject({ name: z.literal('leakproof'), version: z.string() }),
  command: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(['success', 'failed']),
  tables: z.array(
    z.looseObject({
      name: z.string(),
      action: z.enum(['copied', 'skipped']),
      rows: z.looseObject({ source: z.number(), written: z.number() }),
      columns: z.array(z.looseObject({ name: z.string(), type: z.string(), decision: z.string() })),
      seconds: z.number(),
    }),
  ),
  views: z.array(z.looseObject({ name: z.string(), created: z.boolean() })),
  timings: counts,
  verification: z
    .looseObject({
      passed: z.boolean(),
      scanned: z.looseObject({ tables: z.number(), rows: z.number(), values: z.number() }),
      findings: z.looseObject({
        total: z.number(),
        byKind: counts,
        byColumn: counts,
        listed: z.array(z.unknown()),
      }),
    })
    .optional(),
  breach: z
    .looseObject({ people: z.number(), recordsByTable: counts, subjects: z.array(z.unknown()) })
    .optional(),
});

export function parseRunReport(text: string, file: string): RunReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new LeakproofError('LP_REPORT_FILE', `${file} is not JSON: give it the report.json a run wrote.`);
  }
  const parsed = reportShape.safeParse(data);
  if (!parsed.success) {
    throw new LeakproofError(
      'LP_REPORT_FILE',
      `${file} is not a Leakproof run report (version ${REPORT_VERSION}).`,
      // zod's messages name paths and expected shapes, never the file's values.
      parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`),
    );
  }
  // The shape above is the part the page reads; the rest is as `renderJsonReport` wrote it.
  return parsed.data as unknown as RunReport;
}
