// Test layers mirror the code layers (docs/architecture.md): domain, stand-in, functions, runtime and deploy (what
// goes to WeChat: cloud setup, function configs, the privacy declaration) run in node;
// pages run in jsdom. The mp (miniprogram-simulate) and e2e (Chromium) layers have their own configs.
const transform = { '\\.[jt]sx?$': ['babel-jest', { configFile: './test/babel.jest.js' }] };
const moduleNameMapper = {
  '^wx-server-sdk$': '<rootDir>/local/wx-server-sdk/index.ts',
  '^@/(.*)$': '<rootDir>/src/$1',
};

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/{domain,stand-in,functions,runtime,deploy}/**/*.test.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/pages/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/test/pages/support/settle.ts'],
      transform,
      moduleNameMapper: {
        ...moduleNameMapper,
        '^@tarojs/taro$': '<rootDir>/test/pages/mocks/taro.ts',
        '^@tarojs/components$': '<rootDir>/test/pages/mocks/components.tsx',
        '\\.(css|scss)$': '<rootDir>/test/pages/mocks/style.ts',
        // The functions the pages run in-process write spreadsheets (exceljs): its uuid in Node's build, not the browser's ESM.
        '^uuid$': require.resolve('uuid'),
      },
    },
  ],
};
