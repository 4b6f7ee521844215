/** `--jobs N`: how many threads share a run's work; by default one per core of the machine. */
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option } from 'commander';

/** The most threads a run starts: beyond the cores they only take turns. */
const MAX_JOBS = 64;

export const defaultJobs = (): number => Math.min(availableParallelism(), MAX_JOBS);

function parseJobs(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 1 || n > MAX_JOBS)
    throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_JOBS}.`);
  return n;
}

export const jobsOption = (): Option =>
  new Option('--jobs <n>', 'threads that share the work (default: one per core)').argParser(parseJobs);
