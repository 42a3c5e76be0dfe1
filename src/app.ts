// App shell. Pages render as children; the weapp connects to WeChat cloud once, before any page calls it, and
// answers WeChat's privacy authorisation requests with our own prompt (client/privacy.ts).
import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import './app.css';
import { installChineseValidationMessages } from './core/zod-messages';
import { installPrivacyPrompt } from './client/privacy';

installChineseValidationMessages();

if (process.env.TARO_ENV === 'weapp') {
  // Taro does not type DYNAMIC_CURRENT_ENV; when it is absent too, init() falls back to the default environment.
  const current = (Taro.cloud as unknown as { DYNAMIC_CURRENT_ENV?: string }).DYNAMIC_CURRENT_ENV;
  Taro.cloud.init({ env: CLOUD_ENV || current, traceUser: true });
}
installPrivacyPrompt();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
