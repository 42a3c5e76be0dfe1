// Babel for the Taro build (babel-preset-taro). Jest uses test/babel.jest.js instead.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
};
