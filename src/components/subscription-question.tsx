// Right after a resident submits (issue 15): one plain question, nothing pre-ticked — 通知我 or 不用了 — with the
// separate-consent explanation one tap away (查看说明, RULES §28–30). 通知我 asks WeChat for the templates inside that
// tap (RULES §30); H5 records the yes as WeChat's accept. Either answer closes the sheet; messages reach the
// message centre anyway. PageFrame hosts it on every page, both platforms; the page on top shows it.
import { useEffect, useReducer, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { askSubscription } from '../client/subscribe';
import { closeSubscriptionQuestion, pendingSubscriptionQuestion, watchSubscriptionQuestion, type SubscriptionQuestion } from '../client/subscription-question';
import { hostStack } from '../hooks/use-top-host';
import { Button } from './button';
import './consent-dialog.css';

export const SUBSCRIPTION_QUESTION = '办理有进展时，用微信通知您吗？';

export function SubscriptionQuestionSheet(props: { question: SubscriptionQuestion; onDone: () => void }) {
  const [explained, setExplained] = useState(false);
  const labels = props.question.templates.map((t) => t.label).join('、');
  return (
    <View className='ui-dialog' role='dialog' aria-modal='true' aria-label='消息提醒'>
      <View className='ui-dialog__sheet'>
        <Text className='ui-dialog__title'>{SUBSCRIPTION_QUESTION}</Text>
        {explained ? (
          <Text className='ui-dialog__text' data-explained=''>
            {`这是您单独作出的选择，不订阅也不影响办理。同意后，镇民政办会通过微信提醒您：${labels}。可以随时在“消息提醒”里查看和再次订阅，或在微信设置中关闭。不论是否订阅，每条消息都保存在“消息中心”。`}
          </Text>
        ) : (
          <View className='ui-dialog__link' role='button' onClick={() => setExplained(true)}>
            <Text>查看说明</Text>
          </View>
        )}
        <View className='ui-dialog__actions'>
          <Button kind='secondary' onClick={props.onDone}>
            不用了
          </Button>
          <Button
            onClick={() => {
              // RULES §30: inside this tap, before anything is awaited.
              void askSubscription(props.question.templates, true);
              props.onDone();
            }}
          >
            通知我
          </Button>
        </View>
      </View>
    </View>
  );
}

const useTopHost = hostStack();

export function SubscriptionQuestionHost() {
  const onTop = useTopHost();
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  useEffect(() => watchSubscriptionQuestion(refresh), []);
  const question = pendingSubscriptionQuestion();
  if (!question || !onTop) return null;
  return <SubscriptionQuestionSheet key={question.id} question={question} onDone={closeSubscriptionQuestion} />;
}
