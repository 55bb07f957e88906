// Two Jest projects: `unit` (fakes allowed, no infrastructure) and `integration` (the real Kafka,
// PostgreSQL and Redis of the local stack, started by the global setup when missing).
const preset = require('./jest.preset');
const roots = ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/tools', '<rootDir>/examples'];

module.exports = {
  // Integration tests wait on real brokers and databases; Jest reads this option only at the top level.
  testTimeout: 120_000,
  projects: [
    {
      ...preset,
      displayName: 'unit',
      roots,
      testMatch: ['**/src/**/*.spec.ts', '**/test/**/*.unit-spec.ts'],
    },
    {
      ...preset,
      displayName: 'integration',
      roots,
      testMatch: ['**/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
