// 发件箱 (town office, admin): each subscription message, newest first — to whom, through which template, in what
// state, with the template's fields as sent (or as they would be sent now), the attempts and the last error. Locally
// nothing reaches WeChat, so this is what would have been sent.
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { Card } from '@/components/card';
import { formatTime } from '@/components/format-time';
import { Chips } from '@/components/chips';
import { Notice } from '@/components/form';
import { Field } from '@/components/list-row';
import { PagedList } from '@/components/paged-list';
import { SignedInPage } from '@/components/signed-in';
import { Tag, type TagTone } from '@/components/tag';
import { OUTBOX_STATE_LABELS, OUTBOX_STATES, SUBSCRIPTION_TEMPLATES, type OutboxState } from '@/core/notify';
import { usePaged } from '@/hooks/use-paged';

type Entry = ActionOutput<'notify', 'outbox'>['items'][number];

const STATE_TONE: Record<OutboxState, TagTone> = {
  queued: 'info',
  claimed: 'info',
  sending: 'info',
  retry: 'warn',
  sent: 'primary',
  noCredit: 'neutral',
  invalid: 'danger',
  failed: 'danger',
};

/** The chips say the state only; the entry's tag adds "（仅站内消息）" where it applies. */
const STATE_OPTIONS = OUTBOX_STATES.map((value) => ({ value, label: OUTBOX_STATE_LABELS[value].replace(/（.*）$/, '') }));

function templateLabel(key: string): string {
  return (SUBSCRIPTION_TEMPLATES as Record<string, { label: string }>)[key]?.label ?? key;
}

/** The template's fields as sent, or as they would be sent now; or why they cannot be. */
function fieldsOf(entry: Entry): { templateId: string | null; lines: [string, string][]; problem: string | null } {
  const preview = entry.preview;
  if (!preview) return { templateId: null, lines: [], problem: '本环境没有配置这类消息的模板' };
  if ('data' in preview) return { templateId: preview.templateId, lines: Object.entries(preview.data).map(([key, v]) => [key, v.value]), problem: null };
  if (!preview.fields.ok) return { templateId: preview.templateId, lines: [], problem: preview.fields.error.message };
  return { templateId: preview.templateId, lines: Object.entries(preview.fields.data).map(([key, v]) => [key, v.value]), problem: null };
}

function OutboxEntry(props: { entry: Entry }) {
  const e = props.entry;
  const fields = fieldsOf(e);
  const title = typeof e.values.title === 'string' ? e.values.title : templateLabel(e.templateKey);
  return (
    <View className='ui-outbox' data-outbox-id={e._id} data-state={e.state}>
      <Card title={title} extra={<Tag tone={STATE_TONE[e.state]}>{e.stateLabel}</Tag>}>
        <Field label='接收人'>{e.recipient ?? e.recipientUserId}</Field>
        <Field label='模板'>{`${templateLabel(e.templateKey)}（${e.templateKey}）${fields.templateId ? ` · ${fields.templateId}` : ''}`}</Field>
        <Field label={e.state === 'sent' ? '发送内容' : '消息内容'}>
          {e.contentHidden ? <Text className='ui-field__line'>仅镇民政办可见</Text> : null}
          {fields.lines.map(([key, value]) => (
            <Text key={key} className='ui-field__line'>{`${key}: ${value}`}</Text>
          ))}
          {fields.problem && !e.contentHidden ? <Text className='ui-field__line'>{fields.problem}</Text> : null}
        </Field>
        <Field label='时间'>{`${formatTime(e.createdAt)} 生成${e.finishedAt ? `，${formatTime(e.finishedAt)} 办结` : ''}`}</Field>
        <Field label='尝试次数'>{String(e.attempts)}</Field>
        {e.lastError ? (
          <Notice tone={e.state === 'sent' ? 'ok' : 'warn'}>{`${e.lastError.code}：${e.lastError.message}${e.lastError.field ? `（字段 ${e.lastError.field}）` : ''}`}</Notice>
        ) : null}
      </Card>
    </View>
  );
}

function Outbox() {
  const [state, setState] = useState<OutboxState | null>(null);
  const paged = usePaged((before: ActionOutput<'notify', 'outbox'>['next']) => call('notify', 'outbox', { limit: 20, ...(state ? { state } : {}), ...(before ? { before } : {}) }), [state]);
  return (
    <>
      <Card>
        <Chips label='发送状态' options={STATE_OPTIONS} value={state} onChange={(value) => setState(value as OutboxState | null)} />
      </Card>
      <PagedList paged={paged} empty='没有这种状态的消息' row={(entry: Entry) => <OutboxEntry key={entry._id} entry={entry} />} />
    </>
  );
}

export default function OutboxPage() {
  return (
    <SignedInPage title='发件箱' subtitle='订阅消息的发送记录；本地运行时为“本应发出”的消息'>
      {() => <Outbox />}
    </SignedInPage>
  );
}
