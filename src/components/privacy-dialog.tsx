// The prompt WeChat asks for before a privacy API runs (client/privacy.ts): what we collect and why, a link to the
// full 隐私保护指引, and 拒绝 / 同意. 同意 must be WeChat's own agreePrivacyAuthorization button: WeChat checks that
// the button named in the answer was really tapped. PageFrame mounts it on every page; on H5 nothing ever waits.
import { useEffect, useReducer } from 'react';
import Taro from '@tarojs/taro';
import { Button as NativeButton, Text, View } from '@tarojs/components';
import { answerPrivacy, privacyPending, watchPrivacy } from '../client/privacy';
import { privacyPurposes } from '../core/privacy';
import { Button } from './button';
import './consent-dialog.css';
import './privacy-dialog.css';

const AGREE_BUTTON = 'privacy-agree';

export function PrivacyHost() {
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  useEffect(() => watchPrivacy(refresh), []);
  if (!privacyPending()) return null;
  return (
    <View className='ui-dialog' role='dialog' aria-modal='true' aria-label='隐私保护提示'>
      <View className='ui-dialog__sheet'>
        <Text className='ui-dialog__title'>隐私保护提示</Text>
        <Text className='ui-dialog__text'>用到下面这些功能时，小网格·大救助才会收集相应信息，只用于办理社会救助：</Text>
        {privacyPurposes().map((purpose) => (
          <Text key={purpose} className='ui-privacy__item'>
            {purpose}
          </Text>
        ))}
        <View className='ui-privacy__link' role='link' onClick={() => Taro.openPrivacyContract({})}>
          查看完整的《隐私保护指引》
        </View>
        <View className='ui-dialog__actions'>
          <Button kind='secondary' onClick={() => answerPrivacy({ event: 'disagree' })}>
            拒绝
          </Button>
          <NativeButton
            id={AGREE_BUTTON}
            className='ui-button ui-button--primary ui-privacy__agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answerPrivacy({ event: 'agree', buttonId: AGREE_BUTTON })}
          >
            同意
          </NativeButton>
        </View>
      </View>
    </View>
  );
}
