// 消息提醒 (every role): which WeChat reminders the user holds — reminders left (one-time) or 长期订阅 — and a button
// per reminder that asks for it inside the tap (RULES §30). Every message is kept in the message centre either way.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SubscriptionStanding } from '@/client/subscribe';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Notice } from '@/components/form';
import { ListRow } from '@/components/list-row';
import { PageFrame } from '@/components/page-frame';
import { Empty, ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import type { TemplateKey } from '@/core/notify';
import { useSubscriptionOffer } from '@/hooks/use-subscription-offer';
import { ROUTES } from '@/routes';

type Template = SubscriptionStanding['templates'][number];

function standingOf(t: Template, longTermMode: boolean): { text: string; on: boolean; button: string | null } {
  if (!t.templateId) return { text: '暂未开通，消息只在消息中心', on: false, button: null };
  if (longTermMode) return t.longTerm ? { text: '长期订阅', on: true, button: null } : { text: '未订阅', on: false, button: '提醒我' };
  return t.credits > 0 ? { text: `还可提醒${t.credits}次`, on: true, button: '再订阅一次' } : { text: '未订阅', on: false, button: '提醒我' };
}

function TemplateRow(props: { template: Template; longTermMode: boolean; onAsk: (key: TemplateKey) => void }) {
  const t = props.template;
  const s = standingOf(t, props.longTermMode);
  return (
    <View className='ui-row' data-template={t.key}>
      <View className='ui-row__main'>
        <Text className='ui-row__title'>{t.label}</Text>
        <View className='ui-row__tags'>
          <Tag tone={s.on ? 'primary' : 'neutral'}>{s.text}</Tag>
        </View>
      </View>
      {s.button ? (
        <View className='ui-row__side'>
          <Button kind={s.on ? 'secondary' : 'primary'} onClick={() => props.onAsk(t.key)}>
            {s.button}
          </Button>
        </View>
      ) : null}
    </View>
  );
}

export default function SubscriptionsPage() {
  const { standing, ask } = useSubscriptionOffer();
  const longTermMode = standing.status === 'ok' && standing.data.mode === 'long-term';
  return (
    <PageFrame title='消息提醒' subtitle='办理有进展时，通过微信提醒您'>
      <Notice>
        {longTermMode
          ? '订阅后，每有新进展都会通过微信提醒您，可随时在微信设置中关闭。'
          : '微信规定：每订阅一次，可以收到一条提醒。点“提醒我”并在弹窗中允许即可；想多收几条，可以多订阅几次。'}
        不论是否订阅，每条消息都会保存在消息中心。
      </Notice>
      {standing.status === 'loading' ? <Loading /> : null}
      {standing.status === 'error' ? <ErrorState error={standing.error} onRetry={standing.reload} /> : null}
      {standing.status === 'ok' ? (
        <Card title='可以订阅的提醒'>
          {standing.data.templates.length === 0 ? <Empty text='您的工作没有需要订阅的微信提醒' /> : null}
          {standing.data.templates.map((t) => (
            <TemplateRow key={t.key} template={t} longTermMode={longTermMode} onAsk={(key) => ask([key])} />
          ))}
        </Card>
      ) : null}
      <Card>
        <ListRow title='消息中心' meta='查看收到的全部消息' onClick={() => void Taro.navigateTo({ url: ROUTES.messages })} />
      </Card>
    </PageFrame>
  );
}
