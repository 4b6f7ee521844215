/**
 * Where the register of copies is: `--register URL`, else `$LEAKPROOF_REGISTER`, else a PGlite
 * directory in the user's data folder — `$XDG_DATA_HOME/leakproof/register`, else
 * `~/.local/share/leakproof/register` (on macOS `~/Library/Application Support/leakproof/register`).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface RegisterPlace {
  readonly platform?: NodeJS.Platform;
  /** The home directory when `env.HOME` is not set. */
  readonly home?: string;
}

/** `registerUrl(undefined, { XDG_DATA_HOME: '/d' })` → `pglite:/d/leakproof/register`. */
export function registerUrl(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  place: RegisterPlace = {},
): string {
  if (option !== undefined && option !== '') return option;
  const fromEnv = env.LEAKPROOF_REGISTER;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return `pglite:${defaultRegisterDirectory(env, place)}`;
}

/** The default register's directory (see the file's comment). */
export function defaultRegisterDirectory(
  env: Readonly<Record<string, string | undefined>>,
  place: RegisterPlace = {},
): string {
  const xdg = env.XDG_DATA_HOME;
  // The XDG rule: a relative XDG_DATA_HOME is invalid and ignored.
  if (xdg?.startsWith('/')) return join(xdg, 'leakproof', 'register');
  const home = env.HOME || place.home || homedir();
  if ((place.platform ?? process.platform) === 'darwin')
    return join(home, 'Library', 'Application Support', 'leakproof', 'register');
  return join(home, '.local', 'share', 'leakproof', 'register');
}
