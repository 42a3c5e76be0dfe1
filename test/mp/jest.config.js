// Smoke tests of the built weapp (dist/) in miniprogram-simulate. Run `npm run build:weapp` first:
//   npx jest -c test/mp/jest.config.js
// miniprogram-simulate renders into a DOM (j-component + the official wcc template compiler), so the
// environment is jsdom; the built bundles themselves are plain CommonJS and are not transformed.
module.exports = {
  rootDir: '../..',
  displayName: 'mp',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test/mp'],
  testMatch: ['<rootDir>/test/mp/**/*.test.ts'],
  transform: { '\\.ts$': ['babel-jest', { configFile: './test/babel.jest.js' }] },
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
};
