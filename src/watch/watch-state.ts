/**
 * What the watchdog remembers between runs (`watch-state.json` beside its reports): per
 * environment, whether its last scan was clean, when, against which fingerprints, and the change
 * stamps its tables and files had then. `--since` reads only what changed after a clean scan; a
 * scan that found anyone, or other fingerprints, means everything is read again.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

const environmentStateSchema = z.object({
  clean: z.boolean(),
  at: z.string(),
  /** The fingerprints the scan used (their time and size): new fingerprints may find new people. */
  fingerprints: z.string(),
  /** Table (`schema.name`) or file path → its stamp at the scan. */
  stamps: z.record(z.string(), z.string()),
});

const stateSchema = z.object({
  version: z.literal(1),
  environments: z.record(z.string(), environmentStateSchema),
});

export type EnvironmentState = z.infer<typeof environmentStateSchema>;
export type WatchState = z.infer<typeof stateSchema>;

/** The state file's content; an absent or unreadable one is an empty state (everything is read). */
export async function readWatchState(file: string): Promise<WatchState> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // absent or damaged: start over
  }
  return { version: 1, environments: {} };
}

export async function writeWatchState(file: string, state: WatchState): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temp, file);
}

/**
 * Whether a table or file can be left unread: the last scan was clean, with the same
 * fingerprints, and its stamp has not changed since.
 */
export function unchangedSince(
  last: EnvironmentState | undefined,
  fingerprints: string,
  name: string,
  stamp: string | undefined,
): boolean {
  return (
    last?.clean === true &&
    last.fingerprints === fingerprints &&
    stamp !== undefined &&
    last.stamps[name] === stamp
  );
}
