/** `leakproof copies` (the register of copies, listed) and `leakproof copies expire`. */
import { openDatabase } from '../../adapters/open-database.js';
import { openRegister } from '../../adapters/register/open-register.js';
import { LeakproofError } from '../../errors.js';
import type { CopyRecord, CopyRegister } from '../../register/copy-record.js';
import { dropCopy, expiredCopies } from '../../register/expire-copies.js';
import { registerUrl } from '../../register/register-location.js';
import type { CliIo } from '../io.js';

export interface CopiesOptions {
  readonly register?: string;
  readonly json?: boolean;
  readonly all?: boolean;
}

export interface ExpireOptions {
  readonly register?: string;
  readonly yes?: boolean;
  /** ISO time standing for now (tests, scripts). */
  readonly now?: string;
}

async function withRegister<T>(
  option: string | undefined,
  io: CliIo,
  work: (r: CopyRegister) => Promise<T>,
): Promise<T> {
  const register = await openRegister(registerUrl(option, io.env));
  try {
    return await work(register);
  } finally {
    await register.close();
  }
}

/** Lists the register: released copies not dropped, or with `all` every record. */
export async function runCopiesCommand(options: CopiesOptions, io: CliIo): Promise<void> {
  await withRegister(options.register, io, async (register) => {
    const records = await register.list({ all: options.all === true });
    if (options.json) {
      io.stdout(`${JSON.stringify(records, null, 2)}\n`);
      return;
    }
    io.stdout(
      records.length === 0
        ? `No ${options.all ? '' : 'live '}copies in the register ${register.location}.\n`
        : `${copiesTable(records)}\n`,
    );
  });
}

/** The readable table: one line per copy. */
export function copiesTable(records: readonly CopyRecord[]): string {
  const minute = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')}Z`;
  const rows = [
    ['run', 'made', 'target', 'policy', 'verdict', 'rows', 'expires'],
    ...records.map((r) => [
      r.runId.slice(0, 8),
      minute(r.releasedAt ?? r.startedAt),
      r.target.name,
      r.policy.sha256.slice(0, 12),
      r.droppedAt === null ? r.verdict : `${r.verdict}, dropped ${minute(r.droppedAt)}`,
      r.rows.total.toLocaleString('en-US'),
      r.expiresAt === null ? '-' : minute(r.expiresAt),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Drops every released copy past its expiry, after a yes on the terminal or `--yes`. */
export async function runExpireCommand(options: ExpireOptions, io: CliIo): Promise<void> {
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime()))
    throw new LeakproofError('LP_USAGE', '--now: not an ISO time (write 2026-01-31T12:00:00Z).');
  await withRegister(options.register, io, async (register) => {
    const expired = expiredCopies(await register.list(), now);
    if (expired.length === 0) {
      io.stdout(`No expired copies in the register ${register.location}.\n`);
      return;
    }
    io.stdout(`Expired copies (${expired.length}), to be dropped:\n${copiesTable(expired)}\n`);
    if (options.yes !== true) {
      if (io.confirm === undefined)
        throw new LeakproofError(
          'LP_USAGE',
          'copies expire drops the listed copies and needs a yes: there is no terminal to ask, so pass --yes.',
        );
      if (!(await io.confirm(`Drop everything in these ${expired.length} target(s)?`))) {
        io.stdout('Nothing dropped.\n');
        return;
      }
    }
    const failures: string[] = [];
    for (const record of expired) {
      const result = await dropCopy(register, record, (url) => openDatabase(url, 'target'), now);
      const which = `${record.target.name} (run ${record.runId.slice(0, 8)})`;
      if (result.outcome === 'dropped') io.stdout(`dropped ${which}\n`);
      else if (result.outcome === 'replaced')
        io.stdout(`${which}: replaced by the later copy ${result.by.slice(0, 8)}; marked dropped\n`);
      else {
        io.stdout(`NOT dropped ${which}: ${result.reason}\n`);
        failures.push(`${which}: ${result.reason}`);
      }
    }
    if (failures.length > 0)
      throw new LeakproofError(
        'LP_REGISTER',
        `${failures.length} expired cop${failures.length === 1 ? 'y' : 'ies'} could not be dropped and stay on record; run copies expire again when reachable.`,
        failures,
      );
  });
}
