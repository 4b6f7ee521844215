import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { formatDuration, progressLine, progressPrinter } from './progress.js';

function bufferIo(interactive: boolean, env: Record<string, string> = {}) {
  const err: string[] = [];
  const io: CliIo = {
    stdout: () => {},
    stderr: (t) => err.push(t),
    env,
    interactive,
    readStdin: async () => '',
  };
  return { io, err };
}

describe('progress', () => {
  it('says the time left as a person says it', () => {
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });

  it('shows rows, rate and time left while a table runs, and the seconds when it is done', () => {
    const running = progressLine(
      { table: 'public.applicant', done: 5_000, total: 20_000, seconds: 2 },
      { bar: true, color: false, finished: false },
    );
    expect(running).toBe(
      '  public.applicant  ██████░░░░░░░░░░░░░░░░░░  5,000/20,000 rows  2,500 rows/s  6 s left',
    );
    const done = progressLine(
      { table: 'public.applicant', done: 20_000, total: 20_000, seconds: 8 },
      { bar: false, color: false, finished: true },
    );
    expect(done).toBe('  public.applicant  20,000/20,000 rows  8.00 s  2,500 rows/s');
  });

  it('colours the bar on a terminal unless NO_COLOR is set, and never outside one', () => {
    const run = (interactive: boolean, env: Record<string, string>) => {
      const { io, err } = bufferIo(interactive, env);
      const p = progressPrinter(io, false);
      p.tableStarted?.('public.t', 10);
      p.tableDone?.('public.t', 10, 1);
      return err.join('');
    };
    expect(run(true, {})).toContain('\x1b[32m');
    expect(run(true, { NO_COLOR: '1' })).not.toContain('\x1b[32m');
    expect(run(true, { NO_COLOR: '1' })).toContain('████████████████████████');
    expect(run(false, {})).toBe('  public.t  10/10 rows  1.00 s  10 rows/s\n');
  });

  it('prints nothing but warnings with --quiet', () => {
    const { io, err } = bufferIo(true);
    const p = progressPrinter(io, true);
    p.phase?.('Loading');
    p.tableDone?.('public.t', 10, 1);
    p.warning?.('a view was not created');
    expect(err).toEqual(['warning: a view was not created\n']);
  });
});
