/**
 * What the review page shows, made from the source's schema and samples and the policy's text:
 * every table and column with its type, the decision as written, its reason, the coverage status,
 * and each sampled value masked beside the fake the decision makes of it. Pure: the one place that
 * turns sampled values into something sent to the page, and it sends them masked only.
 *
 * Validation is the loader's own (`parsePolicy`, `checkCoverage`), so the page says exactly what
 * `copy` and `check` would say about the same file.
 */
import { createHash } from 'node:crypto';
import type { Keyed } from '../core/keyed.js';
import { maskKeptTokens, maskValue } from '../core/mask.js';
import { LeakproofError } from '../errors.js';
import { type CheckedPolicy, type CoverageResult, checkCoverage } from '../policy/check-policy.js';
import { parsePolicy } from '../policy/load-policy.js';
import { transforms } from '../transforms/registry.js';
import { readDecisions, type WrittenTable } from './policy-edit.js';
import type { ReviewSource } from './review-samples.js';
import { type SampleOutcome, sampleOutcomes } from './sample-fakes.js';

export interface ReviewContext {
  /** The policy file's path, as messages name it. */
  readonly file: string;
  readonly source: ReviewSource;
  readonly keyed: Keyed;
  /** False when no key was configured and `keyed` is a one-off key for this session. */
  readonly keyConfigured: boolean;
}

export interface LoaderMessage {
  readonly message: string;
  readonly details: readonly string[];
}

export interface SampleView {
  /** The source value masked (`maskValue`), or null for NULL. */
  readonly source: string | null;
  /** What the copy would hold, when it is a fake; a value the decision leaves as it is comes masked. */
  readonly fake: string | null;
  /** Why there is no fake, or that it equals the source value. */
  readonly note: string | null;
}

export type ColumnStatus = 'decided' | 'undecided' | 'problem' | 'skipped';

export interface ColumnView {
  readonly name: string;
  readonly type: string;
  readonly generated: boolean;
  /** As the file writes it; null when the file has no decision for the column. */
  readonly decision: { readonly transform: string; readonly options: string } | null;
  /** The decision's `reason:` when it has one, else the line's comment (where `init` writes its reason). */
  readonly reason: string | null;
  /** The line's comment, which a save keeps unless the page changes it. */
  readonly comment: string | null;
  readonly status: ColumnStatus;
  /** The loader's problems with this column's decision. */
  readonly problems: readonly string[];
  readonly samples: readonly SampleView[];
}

export interface TableView {
  /** `schema.table`. */
  readonly name: string;
  readonly kind: 'copy' | 'skip' | 'undecided';
  readonly subject: boolean;
  readonly reason: string | null;
  readonly columns: readonly ColumnView[];
}

export interface ReviewState {
  readonly policyFile: string;
  readonly source: string;
  /** SHA-256 of the policy text the state was made from; a save names it so edits never cross. */
  readonly sha256: string;
  readonly keyNote: string;
  readonly transforms: readonly { readonly name: string; readonly summary: string }[];
  /** The loader's refusal when the file does not load at all; tables is empty then. */
  readonly loadError: LoaderMessage | null;
  readonly coverage: {
    readonly tables: number;
    readonly columns: number;
    /** `schema.table.column` of every column the policy does not decide. */
    readonly undecided: readonly string[];
    /** Every problem the loader finds, as `check` would print it. */
    readonly problems: readonly string[];
  };
  readonly tables: readonly TableView[];
}

/** The policy text as the loader judges it. */
export type Judged =
  | { readonly ok: true; readonly coverage: CoverageResult }
  | { readonly ok: false; readonly error: LoaderMessage; readonly coverage: CoverageResult | null };

export function judgePolicy(text: string, file: string, source: ReviewSource): Judged {
  let coverage: CoverageResult;
  try {
    coverage = checkCoverage(parsePolicy(text, file), source.schema);
  } catch (error) {
    if (!(error instanceof LeakproofError)) throw error;
    return { ok: false, error: { message: error.message, details: error.details }, coverage: null };
  }
  if (coverage.problems.length === 0) return { ok: true, coverage };
  // The words `requireCoverage` stops a copy with.
  const message = `The policy ${file} does not fit the source.`;
  return { ok: false, error: { message, details: coverage.problems }, coverage };
}

const keyNote = (context: ReviewContext) =>
  context.keyConfigured
    ? `Fakes are made with key ${context.keyed.keyId}, as the copy makes them, but without the source's ` +
      'fingerprints: where a fake happens to be a real value, the copy draws another.'
    : 'No key is configured (LEAKPROOF_KEY or --key-file): fakes are made with a one-off key and differ ' +
      "from the copy's.";

/** The whole page's data; `only` limits the tables to one `schema.table` (a preview). */
export function reviewState(context: ReviewContext, text: string, only?: string): ReviewState {
  const { schema } = context.source;
  const judged = judgePolicy(text, context.file, context.source);
  const base = {
    policyFile: context.file,
    source: context.source.displayName,
    sha256: policySha256(text),
    keyNote: keyNote(context),
    transforms: [...transforms.values()].map(({ name, summary }) => ({ name, summary })),
  };
  const columnCount = schema.tables.reduce((n, t) => n + t.columns.length, 0);
  if (judged.coverage === null) {
    const coverage = { tables: schema.tables.length, columns: columnCount, undecided: [], problems: [] };
    return { ...base, loadError: judged.ok ? null : judged.error, coverage, tables: [] };
  }
  const { uncovered, problems, checked } = judged.coverage;
  const written = readDecisions(text);
  const tables = schema.tables
    .filter((t) => only === undefined || `${t.schema}.${t.name}` === only)
    .map((table) => {
      const name = `${table.schema}.${table.name}`;
      return tableView(
        context,
        name,
        written.get(name),
        narrowed(checked, name),
        new Set(uncovered),
        problems,
      );
    });
  return {
    ...base,
    loadError: null,
    coverage: { tables: schema.tables.length, columns: columnCount, undecided: uncovered, problems },
    tables,
  };
}

/** The checked policy with one table only, so its fakes are made without planning the rest. */
function narrowed(checked: CheckedPolicy, name: string): CheckedPolicy {
  return { ...checked, tables: checked.tables.filter((t) => `${t.table.schema}.${t.table.name}` === name) };
}

function tableView(
  context: ReviewContext,
  name: string,
  written: WrittenTable | undefined,
  checked: CheckedPolicy,
  uncovered: ReadonlySet<string>,
  problems: readonly string[],
): TableView {
  const model = context.source.schema.tables.find((t) => `${t.schema}.${t.name}` === name)!;
  const entry = checked.tables[0];
  const outcomes =
    entry === undefined ? new Map<string, SampleOutcome[]>() : sampleOutcomes(checked, context, name);
  const rows = context.source.samples.get(name)?.rows ?? [];
  const kind = written === undefined ? 'undecided' : written.skip ? 'skip' : 'copy';
  const policyTable = checked.policy.tables.get(name);
  const columns = model.columns.map((column, i): ColumnView => {
    const decision = written?.columns.get(column.name);
    const at = written === undefined ? null : `tables.${written.key}.columns.${column.name}`;
    const mine = at === null ? [] : problems.filter((p) => p.startsWith(`${at} `) || p.startsWith(`${at}:`));
    const status: ColumnStatus =
      kind === 'skip'
        ? 'skipped'
        : uncovered.has(`${name}.${column.name}`)
          ? 'undecided'
          : mine.length > 0 || !outcomes.has(column.name)
            ? 'problem'
            : 'decided';
    const loaded = policyTable?.kind === 'copy' ? policyTable.columns.get(column.name) : undefined;
    const values = rows.map((r) => r[i] ?? null);
    const made = outcomes.get(column.name);
    return {
      name: column.name,
      type: column.type,
      generated: column.generatedExpr !== null,
      decision: decision === undefined ? null : { transform: decision.transform, options: decision.options },
      reason: loaded?.reason ?? decision?.comment ?? null,
      comment: decision?.comment ?? null,
      status,
      problems: mine,
      samples: values.map((value, row) =>
        sampleView(value, kind === 'skip' ? 'skipped' : (made?.[row] ?? 'undecided')),
      ),
    };
  });
  return {
    name,
    kind,
    subject: policyTable?.kind === 'copy' && policyTable.subject,
    reason: written?.comment ?? null,
    columns,
  };
}

/** Longer fakes (a scrubbed letter, a JSON document) are shown by their start. */
const SHOWN_CHARS = 400;

/** The only way a sampled value reaches the page: masked, or replaced by its fake. */
function sampleView(value: string | null, outcome: SampleOutcome | 'skipped' | 'undecided'): SampleView {
  const masked = value === null ? null : maskValue(value);
  const view = (fake: string | null, note: string | null) => ({ source: masked, fake, note });
  if (outcome === 'skipped') return view(null, 'table skipped: no rows are copied');
  if (outcome === 'undecided') return view(null, 'no valid decision');
  if (value === null) return view(null, 'stays NULL');
  switch (outcome.kind) {
    case 'kept':
      return view(null, 'copied as it is');
    case 'generated':
      return view(null, 'recomputed by the target');
    case 'cut':
      return view(null, 'longer than the preview reads; not previewed');
    case 'failed':
      return view(null, `the transform refused this value${outcome.code ? ` (${outcome.code})` : ''}`);
    case 'fake': {
      const fake = outcome.value;
      if (fake === null) return view(null, 'written as NULL');
      // A decision that leaves a value as it was (scrub of a text with nothing to replace) must
      // not show it: it is the source's value.
      if (fake === value) return view(masked, 'unchanged: the copy holds the source value');
      // What the transform kept of the value (the words scrub left, a JSON document's keys) is
      // source text too: only what it wrote is shown as it is.
      const chars = [...maskKeptTokens(fake, value)];
      if (chars.length <= SHOWN_CHARS) return view(fake, null);
      return view(`${chars.slice(0, SHOWN_CHARS).join('')}…`, `${chars.length} characters`);
    }
  }
}

/** What a save names as the text it edits (the loader's `Policy.sha256` of the same bytes). */
export const policySha256 = (text: string) => createHash('sha256').update(text).digest('hex');
