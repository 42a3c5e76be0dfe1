// The root of every page: title block and the large-text class, so 适老化 mode reaches every page; on H5 also the
// subscription consent dialog (consent-dialog.tsx), in the weapp WeChat's privacy prompt (privacy-dialog.tsx), and on
// both the question asked after a resident submits (subscription-question.tsx).
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { useLargeText } from '../hooks/use-large-text';
import { ConsentHost } from './consent-dialog';
import { PrivacyHost } from './privacy-dialog';
import { SubscriptionQuestionHost } from './subscription-question';

export function PageFrame(props: { title: string; subtitle?: string; children?: ReactNode }) {
  const { large } = useLargeText();
  return (
    <View className={large ? 'ui-page ui-page--large' : 'ui-page'} data-large-text={large ? 'on' : 'off'}>
      <View className='ui-page__head'>
        <Text className='ui-page__title'>{props.title}</Text>
        {props.subtitle ? <Text className='ui-page__subtitle'>{props.subtitle}</Text> : null}
      </View>
      {props.children}
      <ConsentHost />
      <SubscriptionQuestionHost />
      <PrivacyHost />
    </View>
  );
}

export function SectionTitle(props: { children: ReactNode }) {
  return <Text className='ui-section-title'>{props.children}</Text>;
}
