import { relative } from 'node:path';
import { afterAll, describe } from 'vitest';
import { dropAll } from '../support/postgres.js';
import { conformanceTests } from './engine-suite.js';

afterAll(dropAll);

describe('conformance: PGlite', () => {
  conformanceTests({
    engine: 'pglite',
    childTable: 'public.child',
    singleConnection: true,
    otherSpelling: (url) => `pglite:${relative(process.cwd(), url.slice('pglite:'.length))}`,
  });
});
