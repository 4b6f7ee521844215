import { describe, expect, it } from 'vitest';
import { LeakproofError } from '../errors.js';
import { renderHtmlReport } from './html-report.js';
import { parseRunReport } from './read-report.js';
import { type RunReport, renderJsonReport } from './run-report.js';

const base: RunReport = {
  reportVersion: 1,
  tool: { name: 'leakproof', version: '0.1.0' },
  command: 'copy',
  startedAt: '2026-12-03T09:00:00.000Z',
  finishedAt: '2026-12-03T09:00:05.000Z',
  outcome: 'success',
  policy: { file: 'policy.yaml', sha256: 'ab'.repeat(32) },
  schema: { sha256: 'cd'.repeat(32), tables: 2, columns: 3 },
  key: { id: '3ea15f12b4d1' },
  tables: [
    {
      name: 'public.<script>alert(1)</script>',
      action: 'copied',
      subject: true,
      rows: { source: 10, written: 10 },
      columnsTransformed: 1,
      columns: [
        { name: 'id', type: 'integer', decision: 'keep', reason: 'primary key, not personal' },
        { name: 'bsn', type: 'text', decision: 'bsn', options: { unique: true } },
      ],
      seconds: 0.5,
    },
    {
      name: 'public.audit',
      action: 'skipped',
      subject: false,
      rows: { source: 4, written: 0 },
      columnsTransformed: 0,
      columns: [],
      seconds: 0,
    },
  ],
  views: [{ name: 'public.v', materialized: false, created: false, reason: 'it reads a skipped table' }],
  totals: { tables: 2, rows: 10, columnsTransformed: 1 },
  timings: { introspect: 0.1, load: 3.2, verifyDuringLoad: 2.5, total: 4.9 },
  verification: {
    passed: true,
    seconds: 2.5,
    scanned: { tables: 2, rows: 10, values: 30, valuesPerSecond: 12 },
    findings: {
      total: 0,
      byCheck: {},
      byKind: {},
      byColumn: {},
      rowsByTable: {},
      categories: [],
      listed: [],
      truncated: false,
    },
  },
};

const refused: RunReport = {
  ...base,
  outcome: 'failed',
  error: { code: 'LP_LEAK_FOUND', message: 'The leak check found 2 piece(s)…', details: [] },
  verification: {
    ...base.verification!,
    passed: false,
    findings: {
      total: 2,
      byCheck: { fingerprint: 2 },
      byKind: { phone: 2 },
      byColumn: { 'public.client.phone': 2 },
      rowsByTable: { 'public.client': 2 },
      categories: ['contact'],
      listed: [1, 2].map((id) => ({
        table: 'public.client',
        column: 'phone',
        row: `id=${id}`,
        check: 'fingerprint' as const,
        kind: 'phone',
        categories: ['contact' as const],
        sample: '0•••••••04',
        source: 'public.client.phone',
        fix: 'public.client.phone is kept, but holds a value of the source: transform it with phone',
      })),
      truncated: false,
    },
  },
};

describe('the HTML report', () => {
  it('says the outcome first, in plain words', () => {
    expect(renderHtmlReport(base)).toMatch(/<h1>Released: the copy passed the leak check<\/h1>/);
    expect(renderHtmlReport(refused)).toMatch(
      /<h1>Refused: the copy held personal data and was rolled back<\/h1>/,
    );
    expect(renderHtmlReport({ ...base, command: 'verify' })).toContain(
      '<h1>Passed: no personal data of the source found</h1>',
    );
  });

  it('loads nothing: a CSP that forbids every fetch, and no address in the page', () => {
    const html = renderHtmlReport(refused);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/https?:\/\/|\bsrc=|<link|<script/i);
  });

  it('escapes names: a table called <script> is text', () => {
    const html = renderHtmlReport(base);
    expect(html).toContain('public.&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('lists every table and column with its decision, options and reason, and the key by id only', () => {
    const html = renderHtmlReport(base);
    expect(html).toContain(
      '<td>id</td><td>integer</td><td><code>keep</code></td><td>primary key, not personal</td>',
    );
    expect(html).toContain('<code>bsn</code> <code class="options">{&quot;unique&quot;:true}</code>');
    expect(html).toContain('skipped: structure only, no rows');
    expect(html).toContain('id 3ea15f12b4d1');
    expect(html).toContain('not created: it reads a skipped table');
  });

  it('groups findings by kind and column, masked, each with the change that resolves it', () => {
    const html = renderHtmlReport(refused);
    expect(html).toContain('<h3>phone <span class="count">2</span></h3>');
    expect(html).toContain('<h4>public.client.phone <span class="count">2 in all</span></h4>');
    expect(html.match(/To resolve: public\.client\.phone is kept/g)).toHaveLength(1);
    expect(html).toContain('<td>id=2</td><td><code>0•••••••04</code></td>');
  });

  it('draws the timings per phase and per table as charts, and has a print stylesheet', () => {
    const html = renderHtmlReport(base);
    const charts = html.match(/<svg class="chart"[^>]*aria-label="([^"]+)"/g) ?? [];
    expect(charts.map((c) => /aria-label="([^"]+)"/.exec(c)?.[1])).toEqual([
      'Seconds per phase',
      'Seconds per table',
    ]);
    expect(html).toContain('leak check during the load');
    expect(html).toContain('@media print');
  });

  it('answers the breach notification questions for a scan', () => {
    const scan: RunReport = {
      ...refused,
      command: 'scan',
      tables: [],
      breach: {
        sourceTakenAt: '2026-11-02T10:00:00.000Z',
        people: 1,
        subjectRecords: 2,
        personRule: 'records sharing a strong identifier are one person',
        categories: ['contact'],
        recordsByTable: { 'public.client': 2 },
        columns: { 'public.client.phone': 2 },
        sharedValueFindings: 0,
        untracedFindings: 0,
        subjectRecordsByTable: { 'public.client': 2 },
        affected: {
          file: '/secure/affected.csv',
          people: 1,
          notice:
            'The people found are listed in /secure/affected.csv (personal data, readable by you only).',
        },
        warnings: ['The fingerprints were taken before the target was made.'],
      },
    };
    const html = renderHtmlReport(scan);
    expect(html).toContain('<h1>1 person affected</h1>');
    expect(html).toContain('For the breach notification (GDPR art. 33)');
    expect(html).toContain('<dt>Approximate number of people</dt><dd>1 (2 subject records;');
    expect(html).toContain('<dt>Source as of</dt><dd>2026-11-02</dd>');
    expect(html).toContain('Subject records found: public.client 2.');
    expect(html).toContain('listed in /secure/affected.csv');
    expect(html).toContain('<p class="warning">The fingerprints were taken before');
    // Who they are is in the affected file only, never in the report.
    expect(html).not.toContain('person 1:');
  });
});

describe('a report read back', () => {
  it('renders the same page as the report it was written from', () => {
    expect(renderHtmlReport(parseRunReport(renderJsonReport(refused), 'run.json'))).toBe(
      renderHtmlReport(refused),
    );
  });

  it('refuses what is not a Leakproof report, naming the file', () => {
    const refusal = (text: string) => {
      try {
        parseRunReport(text, 'x.json');
        return null;
      } catch (error) {
        return error instanceof LeakproofError
          ? [error.code, error.message, ...error.details].join(' | ')
          : String(error);
      }
    };
    expect(refusal('{')).toBe('LP_REPORT_FILE | x.json is not JSON: give it the report.json a run wrote.');
    expect(refusal('{"reportVersion": 1}')).toMatch(
      /^LP_REPORT_FILE \| x\.json is not a Leakproof run report \(version 1\)\. \| tool: /,
    );
    expect(refusal(JSON.stringify({ ...base, tables: 'none' }))).toContain('tables: ');
  });
});
