import { relative } from 'node:path';
import { afterAll, describe } from 'vitest';
import { dropAll } from '../support/postgres.js';
import { conformanceTests } from './engine-suite.js';

afterAll(dropAll);

describe('conformance: SQLite', () => {
  conformanceTests({
    engine: 'sqlite',
    childTable: 'child',
    otherSpelling: (url) => `sqlite:${relative(process.cwd(), url.slice('sqlite:'.length))}`,
    beforeConcurrentWrites: 'PRAGMA journal_mode=WAL',
  });
});
