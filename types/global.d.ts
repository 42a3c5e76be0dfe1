/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';

/** WeChat cloud environment id from the build (`CLOUD_ENV=...`); empty means the current environment. */
declare const CLOUD_ENV: string;

/** The build's version (config/build-version.ts), defined by the bundler; absent where code runs unbundled. */
declare const BUILD_VERSION: string | undefined;

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform being built; Taro replaces it at build time (tests set it by hand). */
    TARO_ENV?: 'weapp' | 'h5';
    TARO_APP_ID?: string;
    CLOUD_ENV?: string;
  }
}
