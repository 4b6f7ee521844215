/**
 * The `leakproof` command line: parses arguments, calls the library, prints, returns an exit code.
 * Nothing else lives here.
 */
import { Command, CommanderError, Option } from 'commander';
import { ExitCode } from '../errors.js';
import { runCheckCommand } from './commands/check.js';
import { runCopiesCommand, runExpireCommand } from './commands/copies.js';
import { runCopyCommand } from './commands/copy.js';
import { runDemoCommand } from './commands/demo.js';
import { runInitCommand } from './commands/init.js';
import { runFingerprintCommand, runVerifyCommand } from './commands/proof.js';
import { runReportCommand } from './commands/report.js';
import { runReviewCommand } from './commands/review.js';
import { runScanCommand } from './commands/scan.js';
import { runWatchCommand } from './commands/watch.js';
import { type CliIo, processIo } from './io.js';
import { jobsOption } from './jobs.js';
import { printError } from './print-error.js';
import { TOOL_VERSION } from './version.js';

const registerOption = () =>
  new Option(
    '--register <url>',
    'register of copies: pglite:<dir>, postgres://… or sqlite:<file>; default $LEAKPROOF_REGISTER, else in the user data folder',
  );

function program(io: CliIo): Command {
  const root = new Command('leakproof')
    .description('Anonymized, fail-closed test copies of production databases.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // A mistyped option is echoed back, and its value may be a secret: `--key=…`, or a URL with
      // a password in `--sourse=…`. Only the option's name is shown.
      outputError: (text, write) => write(text.replace(/'(-[^'=\s]*)=[^']*'/g, "'$1=…'")),
    })
    .showHelpAfterError('(run with --help for usage)');

  const source = () =>
    new Option(
      '--source <url>',
      'source database: postgres://…, mysql://…, pglite:<dir> or sqlite:<file>',
    ).makeOptionMandatory();
  root
    .command('copy')
    .description('make an anonymized copy of the source in the target, as the policy says')
    .addOption(source())
    .addOption(
      new Option(
        '--target <url>',
        'target database: postgres://…, mysql://…, pglite:<dir> or sqlite:<file>',
      ).makeOptionMandatory(),
    )
    .addOption(new Option('--policy <file>', 'policy file (YAML)').makeOptionMandatory())
    .option('--report <file>', 'write the run report (JSON) to this file')
    .option('--replace', 'replace whatever the target already holds', false)
    .option(
      '--key-file <file>',
      'read the key from this file (mode 600), or - for stdin; default: $LEAKPROOF_KEY',
    )
    .option('--quiet', 'no progress on stderr', false)
    .addOption(jobsOption())
    .addOption(registerOption())
    .option(
      '--expires <duration>',
      "how long the copy may live: 12h, 30d, 2w (wins over the policy's expires:)",
    )
    .action(async (options) => {
      await runCopyCommand(options, io);
    });

  const copies = root
    .command('copies')
    .description('list the register of copies: released copies not yet dropped')
    .addOption(registerOption())
    .option('--json', 'print the records as JSON', false)
    .option('--all', 'also refused, failed and dropped copies', false)
    .action(async (options) => {
      await runCopiesCommand(options, io);
    });
  copies
    .command('expire')
    .description('drop every released copy past its expiry (asks first; --yes without a terminal)')
    .addOption(registerOption())
    .option('--yes', 'drop without asking', false)
    .option('--now <time>', 'an ISO time to stand for now (tests, scripts)')
    .action(async (_options, command: Command) => {
      // `copies` has a --register too, and commander gives it to the parent wherever it is written.
      await runExpireCommand(command.optsWithGlobals(), io);
    });

  const keyFile = () =>
    new Option(
      '--key-file <file>',
      'read the key from this file (mode 600), or - for stdin; default: $LEAKPROOF_KEY',
    );
  root
    .command('verify')
    .description("check every value of the target against the source's personal data; exit 4 on findings")
    .addOption(source())
    .addOption(
      new Option(
        '--target <url>',
        'the copy to check: postgres://…, mysql://…, pglite:<dir> or sqlite:<file>',
      ).makeOptionMandatory(),
    )
    .addOption(new Option('--policy <file>', 'policy file (YAML)').makeOptionMandatory())
    .option('--report <file>', 'write the report (JSON) to this file')
    .addOption(keyFile())
    .addOption(jobsOption())
    .option('--quiet', 'no per-table progress on stderr', false)
    .action(async (options) => {
      await runVerifyCommand(options, io);
    });

  root
    .command('fingerprint')
    .description("write keyed fingerprints of the source's personal values, for a later breach scan")
    .addOption(source())
    .addOption(new Option('--policy <file>', 'policy file (YAML)').makeOptionMandatory())
    .addOption(new Option('--out <file>', 'fingerprint file to write (mode 600)').makeOptionMandatory())
    .option(
      '--force',
      'overwrite --out if it exists; with --update: merge a file of another source identity',
      false,
    )
    .option(
      '--update',
      "merge the source's current people into the existing --out (people who left stay in it)",
      false,
    )
    .addOption(keyFile())
    .addOption(jobsOption())
    .option('--quiet', 'no per-table progress on stderr', false)
    .action(async (options) => {
      await runFingerprintCommand(options, io);
    });

  root
    .command('scan')
    .description(
      "find the source's people in databases and files (a leaked copy, a dump, a backup); exit 4 when found",
    )
    .addOption(new Option('--fingerprints <file>', 'made by `leakproof fingerprint`').makeOptionMandatory())
    .addOption(
      new Option(
        '--target <url>',
        'database to scan: postgres://…, mysql://…, pglite:<dir> or sqlite:<file>',
      ),
    )
    .addOption(
      new Option(
        '--file <path...>',
        'files or folders to scan: SQL dumps (plain, custom, mysqldump), CSV/TSV, JSON(L), text; gzipped too',
      ),
    )
    .option('--report <file>', 'write the breach report (JSON) to this file')
    .option(
      '--affected-out <file>',
      'write the people found (production keys, categories of data; personal data, mode 600) to this CSV',
    )
    .addOption(registerOption())
    .addOption(keyFile())
    .option('--quiet', 'no per-table progress on stderr', false)
    .action(async (options) => {
      await runScanCommand(options, io);
    });

  root
    .command('watch')
    .description(
      'scan every listed test environment against the fingerprints; exit 4 when any holds personal data',
    )
    .addOption(new Option('--fingerprints <file>', 'made by `leakproof fingerprint`').makeOptionMandatory())
    .addOption(
      new Option(
        '--config <file>',
        'the environments to scan (YAML, see docs/watchdog.md)',
      ).makeOptionMandatory(),
    )
    .option('--out <dir>', 'where the reports, the summary and the state go', 'leakproof-watch')
    .option('--since', 'leave unread the tables and folders unchanged since the last clean scan', false)
    .addOption(registerOption())
    .addOption(keyFile())
    .option('--quiet', 'no progress on stderr', false)
    .action(async (options) => {
      await runWatchCommand(options, io);
    });

  root
    .command('init')
    .description('draft a policy for every table and column of the source')
    .addOption(source())
    .option('--out <file>', 'write the policy here instead of stdout')
    .option('--force', 'overwrite --out if it exists', false)
    .action(async (options) => {
      await runInitCommand(options, io);
    });

  root
    .command('review')
    .description('review and edit the policy in a browser page served on 127.0.0.1 only')
    .addOption(source())
    .addOption(new Option('--policy <file>', 'policy file (YAML) to review and save').makeOptionMandatory())
    .addOption(keyFile())
    .action(async (options) => {
      await runReviewCommand(options, io);
    });

  root
    .command('check')
    .description('check that the policy has a decision for every table and column of the source')
    .addOption(source())
    .addOption(new Option('--policy <file>', 'policy file (YAML)').makeOptionMandatory())
    .action(async (options) => {
      await runCheckCommand(options, io);
    });

  root
    .command('report')
    .description('write the readable HTML page of a report.json a copy, verify or scan wrote')
    .argument('<report.json>', 'the JSON report')
    .option('--out <file>', 'where the HTML goes (default: beside it, .html)')
    .action(async (file: string, options: { out?: string }) => {
      await runReportCommand(file, options, io);
    });

  root
    .command('demo')
    .description('build an embedded demo "production" database, then anonymize it end to end')
    .option('--dir <dir>', 'where the demo databases, policy, key and report go', 'leakproof-demo')
    .option(
      '--applicants <n>',
      'number of applicants in the demo database',
      (v) => Number.parseInt(v, 10),
      18000,
    )
    .option('--quiet', 'no progress on stderr', false)
    .addOption(registerOption())
    .action(async (options) => {
      await runDemoCommand(options, io);
    });
  return root;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    await program(io).parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return printError(io, error);
  }
}
