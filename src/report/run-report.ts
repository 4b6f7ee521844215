/**
 * The evidence a run leaves behind, for a data-protection officer as much as for a developer: what
 * policy and schema were used, what was done to every column of every table, how many rows, how
 * long, and how it ended. It names things and counts them; it never holds a row value or the key.
 */

import type { BreachReport, VerificationReport } from './verification-report.js';

export const REPORT_VERSION = 1;

export interface ColumnReport {
  readonly name: string;
  readonly type: string;
  /** Transform name (`keep` when copied as is). */
  readonly decision: string;
  readonly options?: Readonly<Record<string, unknown>>;
  /** Why, as the policy says it (its `reason`, or the comment `init` wrote on the line). */
  readonly reason?: string;
}

export interface TableReport {
  readonly name: string;
  readonly action: 'copied' | 'skipped';
  readonly subject: boolean;
  /** Rows in the source snapshot and rows written to the target. */
  readonly rows: { readonly source: number; readonly written: number };
  readonly columnsTransformed: number;
  readonly columns: readonly ColumnReport[];
  readonly seconds: number;
}

export interface ViewReport {
  readonly name: string;
  readonly materialized: boolean;
  readonly created: boolean;
  /** Why it was not created, when it was not. */
  readonly reason?: string;
}

export interface RegisterReport {
  readonly runId: string;
  /** The register's URL without password. */
  readonly location: string;
  /** ISO time, or null: no expiry. */
  readonly expiresAt: string | null;
}

export interface RunReport {
  readonly reportVersion: typeof REPORT_VERSION;
  readonly tool: { readonly name: 'leakproof'; readonly version: string };
  readonly command: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** `failed` includes a copy whose leak check found personal data (`error.code` LP_LEAK_FOUND). */
  readonly outcome: 'success' | 'failed';
  readonly error?: { readonly code: string; readonly message: string; readonly details: readonly string[] };
  readonly source?: { readonly database: string; readonly engine: string };
  readonly target?: { readonly database: string; readonly engine: string };
  readonly policy?: { readonly file: string; readonly sha256: string };
  readonly schema?: { readonly sha256: string; readonly tables: number; readonly columns: number };
  /** Names the key without revealing it. */
  readonly key?: { readonly id: string };
  /** `copy` only: where the copy is recorded (the register of copies) and until when it may live. */
  readonly register?: RegisterReport;
  readonly tables: readonly TableReport[];
  readonly views: readonly ViewReport[];
  readonly totals: {
    readonly tables: number;
    readonly rows: number;
    readonly columnsTransformed: number;
  };
  readonly timings: Readonly<Record<string, number>>;
  /** The leak check: `copy` (of its target, before release), `verify` and `scan`. */
  readonly verification?: VerificationReport;
  /** `scan` only: who and what a leaked database exposes. */
  readonly breach?: BreachReport;
}

export function renderJsonReport(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
