import { afterAll, describe } from 'vitest';
import { dropAll } from '../support/postgres.js';
import { conformanceTests } from './engine-suite.js';

afterAll(dropAll);

describe('conformance: PostgreSQL', () => {
  conformanceTests({
    engine: 'postgres',
    childTable: 'public.child',
    otherSpelling: (url) => url.replace('127.0.0.1', 'localhost'),
  });
});
