// One Jest run over the whole workspace. Suites that need real servers read their URLs from the
// environment (POSTGRES_URL, KAFKA_BROKERS, MONGO_URL, ESDB_URL) and report themselves skipped with
// the reason when a URL is absent; `npm run test:infra` sets them and sets REQUIRE_INFRA=1, which
// turns "skipped" into a failure.
const { pathsToModuleNameMapper } = require('./scripts/jest-paths.js');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/scripts'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', require('./scripts/swc-options.js').jest],
  },
  moduleNameMapper: pathsToModuleNameMapper(),
  testTimeout: 30000,
  maxWorkers: 2,
  reporters: [['default', { summaryThreshold: 0 }], '<rootDir>/scripts/jest-skip-reporter.js'],
};
