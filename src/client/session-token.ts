// The local signed session (H5 only). In WeChat the identity is the OPENID, and there is no token.
import Taro from '@tarojs/taro';

const KEY = 'session-token';

export function getSessionToken(): string | null {
  const value: unknown = Taro.getStorageSync(KEY);
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function setSessionToken(token: string | null): void {
  if (token) Taro.setStorageSync(KEY, token);
  else Taro.removeStorageSync(KEY);
}
