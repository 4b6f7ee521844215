/**
 * The run report as one HTML page for the people who must trust a copy without running it: a
 * data-protection officer signing off, or showing the authority what was checked. Rendered from the
 * same `RunReport` as the JSON, so it holds nothing the JSON does not: names, counts, hashes and
 * masked samples, never a value. Self-contained (inline style and SVG, a CSP that forbids every
 * fetch), and it prints to PDF as it reads on screen.
 */
import type { Finding } from '../check/matching/row-scanner.js';
import { type Bar, barChart } from './bar-chart.js';
import { escapeHtml as e } from './html-escape.js';
import { REPORT_STYLE } from './html-style.js';
import type { RunReport, TableReport } from './run-report.js';
import type { BreachReport, VerificationReport } from './verification-report.js';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

/** What each category of data means in a notification, in the words of GDPR art. 33 (3)(a). */
const CATEGORY_WORDS: Readonly<Record<string, string>> = {
  identifier: 'identification numbers (citizen service number, passport, account numbers)',
  contact: 'contact details (e-mail addresses, telephone numbers)',
  address: 'addresses and postcodes',
  birthDate: 'dates of birth',
  name: 'names',
  freeText: 'free text about the person (notes, letters)',
  special: 'special categories of personal data (GDPR art. 9)',
  other: 'other personal data',
};

/** The report's timing keys in words; a key not named here is shown as it is. */
const PHASE_WORDS: Readonly<Record<string, string>> = {
  introspect: 'read the schema',
  fingerprint: 'fingerprint the source',
  load: 'transform and load',
  constraints: 'keys, indexes, constraints',
  verify: 'check what the stream did not',
  verifyDuringLoad: 'leak check during the load',
};

/** Findings listed per column: enough to see the pattern; the JSON lists more (LISTED_FINDINGS). */
const ROWS_PER_COLUMN = 20;

/** The limits of the check, as docs/verification.md states them: coverage says what it cannot see. */
const BLIND_SPOTS = [
  'a sentence taken out of a longer value one person holds, values under 5 characters and digit runs under 7 digits',
  'encodings other than percent-encoding and base64 (hex, ROT13, gzip inside text), text in images and scanned PDFs',
  'a kept column that no fingerprint points at: keep is the policy’s statement that it is not personal',
  'people the source does not hold (names that are nowhere in the source)',
];

export function renderHtmlReport(report: RunReport): string {
  const headline = outcomeOf(report);
  const body = [
    `<header class="outcome ${headline.tone}"><p class="command">leakproof ${e(report.command)}</p>` +
      `<h1>${e(headline.title)}</h1><p>${e(headline.detail)}</p></header>`,
    identitySection(report),
    report.breach && report.verification ? breachSection(report.breach, report.verification) : '',
    report.verification ? findingsSection(report.verification) : '',
    report.verification ? coverageSection(report.verification) : '',
    timingsSection(report),
    tablesSection(report.tables, report.command),
    viewsSection(report),
  ];
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // Nothing may load: not a font, not an image, not a script. The page is its own evidence.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Leakproof ${e(report.command)}: ${e(headline.title)}</title>`,
    `<style>${REPORT_STYLE}</style></head><body><main>`,
    ...body.filter((part) => part !== ''),
    `<footer>Written by Leakproof ${e(report.tool.version)} from report version ${report.reportVersion}. ` +
      'It names tables, columns and row keys and shows found values masked only; no value of the source is in it.</footer>',
    '</main></body></html>',
    '',
  ].join('\n');
}

interface Headline {
  readonly tone: 'good' | 'bad';
  readonly title: string;
  readonly detail: string;
}

function outcomeOf(report: RunReport): Headline {
  const v = report.verification;
  const leak = report.error?.code === 'LP_LEAK_FOUND';
  const read = v
    ? `${plural(v.scanned.values, 'value')} in ${plural(v.scanned.rows, 'row')} of ${plural(v.scanned.tables, 'table')}`
    : '';
  if (report.command === 'scan' && report.breach && v) {
    const b = report.breach;
    if (v.findings.total === 0)
      return {
        tone: 'good',
        title: 'No one of the source was found',
        detail: `The scan read ${read} and found no personal data of the people the fingerprints hold (taken ${dateOf(b.sourceTakenAt)}).`,
      };
    return {
      tone: 'bad',
      title: `${plural(b.people, 'person', 'people')} affected`,
      detail:
        `Data of ${categoriesText(b.categories)} in ${plural(Object.keys(b.recordsByTable).length, 'table')}; ` +
        `the people are those the source held on ${dateOf(b.sourceTakenAt)}, so the data found is of that date or older.`,
    };
  }
  if (report.outcome === 'success') {
    if (report.command === 'copy')
      return {
        tone: 'good',
        title: 'Released: the copy passed the leak check',
        detail: `No personal value of the source was found in the copy (${read}) before it was committed.`,
      };
    return {
      tone: 'good',
      title: 'Passed: no personal data of the source found',
      detail: `The check read ${read} of the target.`,
    };
  }
  if (leak && v) {
    return {
      tone: 'bad',
      title:
        report.command === 'copy'
          ? 'Refused: the copy held personal data and was rolled back'
          : `Failed: ${plural(v.findings.total, 'finding')} of personal data`,
      detail: `${plural(v.findings.total, 'finding')} in ${read}; each is listed below with the policy change that resolves it.${
        report.command === 'copy' ? ' Nothing was released.' : ''
      }`,
    };
  }
  return {
    tone: 'bad',
    title: `Failed: ${report.error?.code ?? 'error'}`,
    detail: `${report.error?.message ?? 'The run did not finish.'}${report.command === 'copy' ? ' Nothing was released.' : ''}`,
  };
}

function identitySection(report: RunReport): string {
  const rows: [string, string][] = [
    ['Started', report.startedAt],
    ['Finished', report.finishedAt],
  ];
  if (report.source) rows.push(['Source', `${report.source.database} (${report.source.engine})`]);
  if (report.target) rows.push(['Target', `${report.target.database} (${report.target.engine})`]);
  if (report.policy) rows.push(['Policy', `${report.policy.file}, SHA-256 ${report.policy.sha256}`]);
  if (report.schema)
    rows.push([
      'Schema',
      `SHA-256 ${report.schema.sha256} (${plural(report.schema.tables, 'table')}, ${plural(report.schema.columns, 'column')})`,
    ]);
  if (report.key) rows.push(['Key', `id ${report.key.id} (the key itself is never written down)`]);
  if (report.register)
    rows.push([
      'Register',
      `run ${report.register.runId} in ${report.register.location}, ` +
        (report.register.expiresAt === null ? 'no expiry' : `expires ${report.register.expiresAt}`),
    ]);
  if (report.error && report.error.code !== 'LP_LEAK_FOUND')
    rows.push(['Error', [report.error.message, ...report.error.details].join(' ')]);
  return section(
    'identity',
    'What was run',
    `<dl>${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`,
  );
}

function breachSection(b: BreachReport, v: VerificationReport): string {
  if (v.findings.total === 0) return '';
  const records = Object.values(b.recordsByTable).reduce((s, x) => s + x, 0);
  const facts: [string, string][] = [
    [
      'Nature of the breach',
      `personal data of the source found in ${b.files ? 'files' : 'a database'} it was not meant to reach`,
    ],
    ['Categories of data', categoriesText(b.categories)],
    [
      'Approximate number of people',
      `${n(b.people)} (${plural(b.subjectRecords, 'subject record')}; ${b.personRule})`,
    ],
    [
      'Approximate number of records',
      `${n(records)} rows in ${plural(Object.keys(b.recordsByTable).length, 'table')}`,
    ],
    ['Source as of', dateOf(b.sourceTakenAt)],
  ];
  if (b.registeredCopy)
    facts.push([
      'Which copy',
      `run ${b.registeredCopy.runId}, made ${dateOf(b.registeredCopy.madeAt)} with policy ${b.registeredCopy.policy.file} ` +
        `(SHA-256 ${b.registeredCopy.policy.sha256.slice(0, 12)}…), ` +
        (b.registeredCopy.expiresAt
          ? `meant to expire ${dateOf(b.registeredCopy.expiresAt)}`
          : 'no expiry set'),
    ]);
  else if (b.registeredCopy === null) facts.push(['Which copy', 'not a copy the register knows of']);
  if (b.sharedValueFindings > 0)
    facts.push([
      'Not counted as anyone',
      `${plural(b.sharedValueFindings, 'finding')} of values many people share`,
    ]);
  if (b.untracedFindings > 0)
    facts.push([
      'Not traced to people',
      `${plural(b.untracedFindings, 'finding')} from rows no subject table leads to`,
    ]);
  const perTable = Object.entries(b.recordsByTable)
    .sort((x, y) => y[1] - x[1])
    .map(([t, k]) => `<tr><td>${e(t)}</td><td class="num">${n(k)}</td></tr>`)
    .join('');
  const bySubjectTable = Object.entries(b.subjectRecordsByTable)
    .map(([t, k]) => `${t} ${n(k)}`)
    .join(', ');
  const files = b.files
    ? `<h3>Files</h3><table><thead><tr><th>file</th><th>read as</th><th class="num">rows</th></tr></thead><tbody>${b.files.scanned
        .map(
          (f) =>
            `<tr><td>${e(f.path)}</td><td>${e(f.format)}${f.gzip ? ' (gzip)' : ''}</td><td class="num">${n(f.rows)}</td></tr>`,
        )
        .join('')}${b.files.skipped
        .map((f) => `<tr><td>${e(f.path)}</td><td>not read: ${e(f.reason)}</td><td></td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const warnings = b.warnings.map((w) => `<p class="warning">${e(w)}</p>`).join('');
  return section(
    'breach',
    'For the breach notification (GDPR art. 33)',
    `<dl>${facts.map(([k, x]) => `<dt>${e(k)}</dt><dd>${e(x)}</dd>`).join('')}</dl>` +
      `<h3>Records per table</h3><table><thead><tr><th>table</th><th class="num">rows</th></tr></thead><tbody>${perTable}</tbody></table>` +
      files +
      `<h3>Who</h3><p>Subject records found: ${e(bySubjectTable || '—')}.</p><p>${e(b.affected.notice)}</p>` +
      warnings,
    'print-break',
  );
}

function findingsSection(v: VerificationReport): string {
  const f = v.findings;
  if (f.total === 0) return section('findings', 'Findings', '<p>None.</p>');
  const byKind = new Map<string, Map<string, Finding[]>>();
  for (const finding of f.listed) {
    const columns = byKind.get(finding.kind) ?? new Map<string, Finding[]>();
    const at = `${finding.table}.${finding.column}`;
    columns.set(at, [...(columns.get(at) ?? []), finding]);
    byKind.set(finding.kind, columns);
  }
  const groups = [...byKind].map(([kind, columns]) => {
    const parts = [...columns].map(([at, found]) => {
      const fixes = [...new Set(found.map((x) => x.fix).filter((x): x is string => x !== undefined))];
      const rows = found
        .slice(0, ROWS_PER_COLUMN)
        .map(
          (x) =>
            `<tr><td>${e(x.row)}</td><td><code>${e(x.sample)}</code></td><td>${e(x.check)}</td>` +
            `<td>${e(x.source ?? '')}${x.sharedBy !== undefined && x.sharedBy > 1 ? ` (shared by ${x.sharedBy} people)` : ''}</td></tr>`,
        )
        .join('');
      return (
        `<div class="finding-group"><h4>${e(at)} <span class="count">${n(f.byColumn[at] ?? found.length)} in all</span></h4>` +
        fixes.map((fix) => `<p class="fix">To resolve: ${e(fix)}</p>`).join('') +
        `<table><thead><tr><th>row</th><th>masked</th><th>check</th><th>why it matched</th></tr></thead><tbody>${rows}</tbody></table>` +
        (found.length > ROWS_PER_COLUMN
          ? `<p class="count">… ${n(found.length - ROWS_PER_COLUMN)} more listed in the JSON report</p>`
          : '') +
        '</div>'
      );
    });
    return `<h3>${e(kind)} <span class="count">${n(f.byKind[kind] ?? 0)}</span></h3>${parts.join('')}`;
  });
  const byColumn = Object.entries(f.byColumn)
    .sort((x, y) => y[1] - x[1])
    .map(([label, value]) => ({ label, value }));
  return section(
    'findings',
    `Findings: ${n(f.total)}`,
    `<p>Categories: ${e(categoriesText(f.categories))}.</p>` +
      barChart('Findings per column', byColumn.slice(0, 30), 'findings') +
      groups.join('') +
      (f.truncated
        ? `<p>Only the first ${n(f.listed.length)} findings are listed; the counts are of all.</p>`
        : ''),
  );
}

function coverageSection(v: VerificationReport): string {
  const rows: [string, string][] = [
    [
      'Read',
      `${plural(v.scanned.values, 'value')} in ${plural(v.scanned.rows, 'row')} of ${plural(v.scanned.tables, 'table')}`,
    ],
    ['Speed', `${n(v.scanned.valuesPerSecond)} values/s, ${v.seconds.toFixed(1)} s`],
  ];
  if (v.fingerprints)
    rows.push([
      'Held against',
      `${plural(v.fingerprints.fingerprints, 'fingerprint')} of ${plural(v.fingerprints.values, 'personal value')} of ` +
        `${plural(v.fingerprints.subjects, 'person', 'people')} (${v.fingerprints.subjectTables.join(', ') || 'no subject tables'})`,
    ]);
  const checks = Object.entries(v.findings.byCheck);
  if (checks.length > 0) rows.push(['Findings by check', checks.map(([c, k]) => `${c} ${n(k)}`).join(', ')]);
  return section(
    'coverage',
    'What the check covered',
    `<dl>${rows.map(([k, x]) => `<dt>${e(k)}</dt><dd>${e(x)}</dd>`).join('')}</dl>` +
      `<h3>What it cannot see</h3><ul>${BLIND_SPOTS.map((s) => `<li>${e(s)}</li>`).join('')}</ul>`,
  );
}

function timingsSection(report: RunReport): string {
  const phases: Bar[] = Object.entries(report.timings)
    .filter(([phase]) => phase !== 'total')
    .map(([phase, value]) => ({ label: PHASE_WORDS[phase] ?? phase, value }));
  const tables: Bar[] = report.tables
    .filter((t) => t.action === 'copied')
    .map((t) => ({ label: t.name, value: t.seconds }))
    .sort((a, b) => b.value - a.value);
  if (phases.length === 0 && tables.length === 0) return '';
  const total = report.timings.total;
  return section(
    'timings',
    `Time${total === undefined ? '' : `: ${total.toFixed(1)} s in all`}`,
    (phases.length > 0 ? `<h3>Per phase</h3>${barChart('Seconds per phase', phases, 's')}` : '') +
      (tables.length > 0 ? `<h3>Per table</h3>${barChart('Seconds per table', tables, 's')}` : ''),
  );
}

function tablesSection(tables: readonly TableReport[], command: string): string {
  if (tables.length === 0) return '';
  const parts = tables.map((t) => {
    const columns = t.columns
      .map(
        (c) =>
          `<tr class="${c.decision === 'keep' ? 'kept' : 'changed'}"><td>${e(c.name)}</td><td>${e(c.type)}</td>` +
          `<td><code>${e(c.decision)}</code>${c.options ? ` <code class="options">${e(JSON.stringify(c.options))}</code>` : ''}</td>` +
          `<td>${e(c.reason ?? '')}</td></tr>`,
      )
      .join('');
    const what =
      t.action === 'skipped'
        ? 'skipped: structure only, no rows'
        : command === 'verify'
          ? `${n(t.rows.written)} rows checked in the target (${n(t.rows.source)} in the source), ${plural(t.columnsTransformed, 'column')} to be transformed`
          : `${n(t.rows.written)} of ${n(t.rows.source)} rows written, ${plural(t.columnsTransformed, 'column')} transformed, ${t.seconds.toFixed(2)} s`;
    return (
      `<details class="table" open><summary><strong>${e(t.name)}</strong>${t.subject ? ' <span class="tag">people</span>' : ''} — ${e(what)}</summary>` +
      (columns === ''
        ? ''
        : `<table><thead><tr><th>column</th><th>type</th><th>decision</th><th>reason</th></tr></thead><tbody>${columns}</tbody></table>`) +
      '</details>'
    );
  });
  return section(
    'tables',
    `Tables and columns: ${plural(tables.length, 'table')}`,
    parts.join(''),
    'print-break',
  );
}

function viewsSection(report: RunReport): string {
  if (report.views.length === 0) return '';
  const rows = report.views
    .map(
      (v) =>
        `<tr><td>${e(v.name)}</td><td>${v.materialized ? 'materialized' : 'view'}</td>` +
        `<td>${v.created ? 'created' : `not created: ${e(v.reason ?? '')}`}</td></tr>`,
    )
    .join('');
  return section(
    'views',
    'Views',
    `<table><thead><tr><th>view</th><th>kind</th><th>outcome</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function section(id: string, title: string, content: string, className = ''): string {
  return `<section id="${id}"${className ? ` class="${className}"` : ''}><h2>${e(title)}</h2>${content}</section>`;
}

function categoriesText(categories: readonly string[]): string {
  return categories.length === 0 ? '—' : categories.map((c) => CATEGORY_WORDS[c] ?? c).join('; ');
}

function dateOf(iso: string): string {
  return iso.slice(0, 10);
}
