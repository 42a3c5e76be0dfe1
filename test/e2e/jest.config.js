// Browser tests: Chromium (Debian package) through the H5 build served by the local runtime.
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
  transform: { '\\.[jt]sx?$': ['babel-jest', { configFile: './test/babel.jest.js' }] },
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 1,
};
