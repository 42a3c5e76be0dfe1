// H5's stand-in for WeChat's subscription dialog (RULES §30): "消息提醒", one switch per template (on to start), and
// 允许 / 拒绝. 允许 answers accept or reject per switch, 拒绝 rejects all — the shape wx.requestSubscribeMessage gives.
// PageFrame mounts a host on every page; only the page shown last displays the pending question. The weapp build takes consent-dialog.weapp.tsx (WeChat asks).
import { useEffect, useReducer, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { pendingConsent, watchConsent, type ConsentAnswer, type ConsentChoice } from '../client/consent-prompt';
import { hostStack } from '../hooks/use-top-host';
import { Button } from './button';
import { SwitchRow } from './switch-row';
import './consent-dialog.css';

export function ConsentDialog(props: { templates: readonly ConsentChoice[]; onAnswer: (answer: ConsentAnswer) => void }) {
  const [on, setOn] = useState<Record<string, boolean>>(() => Object.fromEntries(props.templates.map((t) => [t.templateId, true])));
  const answer = (allow: boolean) =>
    props.onAnswer(Object.fromEntries(props.templates.map((t) => [t.templateId, allow && on[t.templateId] ? 'accept' : 'reject'])));
  return (
    <View className='ui-dialog' role='dialog' aria-modal='true' aria-label='消息提醒'>
      <View className='ui-dialog__sheet'>
        <Text className='ui-dialog__title'>消息提醒</Text>
        <Text className='ui-dialog__text'>允许后，有新进展时会发消息提醒您。不论是否允许，每条消息都保存在“消息中心”。</Text>
        {props.templates.map((t) => (
          <SwitchRow key={t.templateId} label={t.label} on={on[t.templateId] ?? false} onChange={(value) => setOn({ ...on, [t.templateId]: value })} />
        ))}
        <View className='ui-dialog__actions'>
          <Button kind='secondary' onClick={() => answer(false)}>
            拒绝
          </Button>
          <Button onClick={() => answer(true)}>允许</Button>
        </View>
      </View>
    </View>
  );
}

const useTopHost = hostStack();

export function ConsentHost() {
  const onTop = useTopHost();
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  useEffect(() => watchConsent(refresh), []);
  const prompt = pendingConsent();
  if (!prompt || !onTop) return null;
  return <ConsentDialog key={prompt.id} templates={prompt.templates} onAnswer={prompt.answer} />;
}
