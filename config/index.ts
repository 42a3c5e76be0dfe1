// Taro build config, written by hand after the v4 template (taro init cannot finish its install here).
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { buildVersion } from './build-version';

export default defineConfig<'webpack5'>(async (merge) => {
  // The two builds get separate folders so one never overwrites the other (docs/platform-notes.md).
  const outputRoot = process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist';

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xiaowangge-dajiuzhu',
    date: '2025-11-29',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {
      // Empty means: the weapp uses the cloud environment it is running in.
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? ''),
      // The same version as the function bundles' (scripts/build-functions.ts): session.me compares them.
      BUILD_VERSION: JSON.stringify(buildVersion()),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      // chinese-days declares "type": "commonjs" but its `module` entry is ESM, which webpack 5 then refuses to
      // parse; its UMD build is the same library (the pages' case deadlines use the working-day calendar).
      'chinese-days$': path.resolve(__dirname, '..', 'node_modules', 'chinese-days', 'dist', 'index.min.js'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        // Taro splits only initial chunks on H5, so every lazily loaded page carried its own copy of the
        // H5 components (~50 KB each). Splitting async chunks too lets pages share them.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
