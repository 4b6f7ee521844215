/**
 * One error type for everything Leakproof reports to a person. Every error has a stable `code`
 * (listed in docs/errors.md) and the process exit code that goes with it. Messages name tables,
 * columns, files and YAML paths — never a row value.
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  uncovered: 3,
  leak: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorCode =
  | 'LP_USAGE'
  | 'LP_CONNECTION'
  | 'LP_BAD_URL'
  | 'LP_NO_KEY'
  | 'LP_POLICY_FILE'
  | 'LP_POLICY_SYNTAX'
  | 'LP_POLICY_INVALID'
  | 'LP_POLICY_UNCOVERED'
  | 'LP_TARGET_OCCUPIED'
  | 'LP_TARGET_BUSY'
  | 'LP_SAME_DATABASE'
  | 'LP_DATABASE'
  | 'LP_TRANSFORM'
  | 'LP_UNSUPPORTED'
  | 'LP_TYPE_UNMAPPED'
  | 'LP_LEAK_FOUND'
  | 'LP_WATCH_INCOMPLETE'
  | 'LP_FINGERPRINTS_FILE'
  | 'LP_FINGERPRINTS_INVALID'
  | 'LP_KEY_MISMATCH'
  | 'LP_FINGERPRINTS_SOURCE'
  | 'LP_REPORT_FILE'
  | 'LP_REGISTER'
  | 'LP_FILE_UNREADABLE'
  | 'LP_INTERNAL';

const exitCodeOf: Record<ErrorCode, ExitCode> = {
  LP_USAGE: ExitCode.usage,
  LP_CONNECTION: ExitCode.usage,
  LP_BAD_URL: ExitCode.usage,
  LP_NO_KEY: ExitCode.usage,
  LP_POLICY_FILE: ExitCode.usage,
  LP_POLICY_SYNTAX: ExitCode.usage,
  LP_POLICY_INVALID: ExitCode.usage,
  LP_POLICY_UNCOVERED: ExitCode.uncovered,
  LP_TARGET_OCCUPIED: ExitCode.usage,
  LP_TARGET_BUSY: ExitCode.usage,
  LP_SAME_DATABASE: ExitCode.usage,
  LP_DATABASE: ExitCode.internal,
  LP_TRANSFORM: ExitCode.internal,
  LP_UNSUPPORTED: ExitCode.usage,
  LP_TYPE_UNMAPPED: ExitCode.usage,
  LP_LEAK_FOUND: ExitCode.leak,
  LP_WATCH_INCOMPLETE: ExitCode.usage,
  LP_FINGERPRINTS_FILE: ExitCode.usage,
  LP_FINGERPRINTS_INVALID: ExitCode.usage,
  LP_KEY_MISMATCH: ExitCode.usage,
  LP_FINGERPRINTS_SOURCE: ExitCode.usage,
  LP_REPORT_FILE: ExitCode.usage,
  LP_REGISTER: ExitCode.usage,
  LP_FILE_UNREADABLE: ExitCode.usage,
  LP_INTERNAL: ExitCode.internal,
};

export class LeakproofError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  /** Lines that explain or list what is wrong (one uncovered column, one policy issue…). */
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'LeakproofError';
    this.code = code;
    this.exitCode = exitCodeOf[code];
    this.details = details;
  }
}

/** A short, value-free description of an unknown thrown thing, for wrapping. */
export function describeCause(cause: unknown): string {
  if (cause instanceof LeakproofError) return cause.message;
  if (cause instanceof Error) return cause.message;
  return String(cause);
}
