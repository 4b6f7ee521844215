import { afterAll, describe } from 'vitest';
import { dropMysqlDatabases, mysqlAvailable } from '../support/mysql.js';
import { dropAll } from '../support/postgres.js';
import { conformanceTests } from './engine-suite.js';

afterAll(async () => {
  await dropAll();
  await dropMysqlDatabases();
});

describe.skipIf(!(await mysqlAvailable()))('conformance: MySQL/MariaDB', () => {
  conformanceTests({
    engine: 'mysql',
    childTable: 'child',
    otherSpelling: (url) => url.replace('127.0.0.1', 'localhost'),
  });
});
