/** Where a command writes: the real process streams, or buffers in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stderr is a terminal (progress is redrawn in place there). */
  readonly interactive: boolean;
  /** Standard input as text, for `--key-file -`. */
  readonly readStdin: () => Promise<string>;
  /** Asks a yes/no question on the terminal; absent when there is none (no TTY, tests). */
  readonly confirm?: (question: string) => Promise<boolean>;
}

/** A question on stderr, the answer from stdin; only `y` or `yes` is a yes. */
async function askTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  interactive: process.stderr.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  },
  ...(process.stdin.isTTY === true && process.stderr.isTTY === true ? { confirm: askTerminal } : {}),
};
