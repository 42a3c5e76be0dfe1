// 监测预警: low-income dynamic monitoring warnings computed by the core's rules (RULES §9, §16, §22, §23): the
// office sees them by due date, marks them known, and resolves them with what was done (issue 4).
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { estimatedDateNote } from '@/core/holidays';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { WARNING_FILTER_LABELS, WARNING_FILTERS, WARNING_OVERDUE_LABEL, WARNING_STATE_LABELS, type WarningFilter } from '@/core/monitoring/warning-record';
import { WARNING_TYPES } from '@/core/monitoring/warnings';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { FormItem, Notice, TextArea } from '@/components/form';
import { ListRow } from '@/components/list-row';
import { unbroken } from '@/components/format-time';
import { PagedList } from '@/components/paged-list';
import { SignedInPage } from '@/components/signed-in';
import { Tag } from '@/components/tag';
import { usePaged } from '@/hooks/use-paged';
import { ROUTES, withQuery } from '@/routes';
import '@/components/visits-style';

type WarningItem = ActionOutput<'visits', 'warnings'>['items'][number];
const STATES = WARNING_FILTERS.map((value) => ({ value, label: WARNING_FILTER_LABELS[value] }));

function WarningActions(props: { warning: WarningItem; onDone: (message: string) => void }) {
  const w = props.warning;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  async function act(kind: 'acknowledge' | 'resolve'): Promise<void> {
    setBusy(true);
    const res =
      kind === 'acknowledge'
        ? await call('visits', 'acknowledgeWarning', { warningId: w._id, version: w.version })
        : await call('visits', 'resolveWarning', { warningId: w._id, version: w.version, resolution: text });
    setBusy(false);
    props.onDone(res.ok ? (kind === 'resolve' ? '预警已办结' : '已标记为知悉') : res.error.code === 'RECORD.CONFLICT' ? '这条预警刚被其他人处理过，已刷新' : res.error.message);
  }
  if (w.state === 'resolved') return null;
  return (
    <View className='ui-button-row'>
      {w.state === 'open' ? (
        <Button kind='secondary' disabled={busy} onClick={() => void act('acknowledge')}>
          知悉
        </Button>
      ) : null}
      <FormItem label='处理结果'>
        <TextArea label={`处理结果：${w.message}`} value={text} max={500} onChange={setText} placeholder='例如：已入户复核，收入属实，转为低保申请' />
      </FormItem>
      <Button disabled={busy || !text.trim()} onClick={() => void act('resolve')}>
        办结
      </Button>
    </View>
  );
}

function Warnings() {
  const [state, setState] = useState<WarningFilter>('unresolved');
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const paged = usePaged((after: string | null) => call('visits', 'warnings', { state, limit: 30, ...(after ? { after } : {}) }), [state], { keys: [['warnings']] });

  async function sweep(): Promise<void> {
    const res = await call('visits', 'sweepWarnings', {});
    setNotice(res.ok ? `已检查${res.data.checked}户，新增预警${res.data.created}条${res.data.done ? '' : '；其余各户正在后台检查，稍后刷新查看'}` : res.error.message);
    invalidate(['warnings']);
  }

  return (
    <>
      <Card>
        <Chips label='状态' noAll options={STATES} value={state} onChange={(v) => setState((v as WarningFilter | null) ?? 'unresolved')} />
        <Button kind='plain' onClick={() => void sweep()}>
          立即检查
        </Button>
      </Card>
      {notice ? <Notice>{notice}</Notice> : null}
      <Card title='预警'>
        <PagedList
          paged={paged}
          empty='没有这种状态的预警'
          row={(w: WarningItem) => (
            <View key={w._id} data-warning={w.type}>
              <ListRow
                title={`${WARNING_TYPES[w.type].label} · ${w.headName}户`}
                meta={unbroken([`${w.message}（${w.rule}，${w.dueDate}前）`, estimatedDateNote(w.dueDate, w.dueEstimated)].filter(Boolean).join(' · '))}
                tags={
                  <>
                    <Tag tone={w.state === 'resolved' ? 'neutral' : w.state === 'acknowledged' ? 'info' : 'warn'}>{WARNING_STATE_LABELS[w.state]}</Tag>
                    {w.overdue ? <Tag tone='danger'>{WARNING_OVERDUE_LABEL}</Tag> : null}
                  </>
                }
                onClick={() => setOpenId(openId === w._id ? null : w._id)}
              />
              {openId === w._id ? (
                <>
                  <WarningActions
                    warning={w}
                    onDone={(message) => {
                      setNotice(message);
                      setOpenId(null);
                      invalidate(['warnings']);
                    }}
                  />
                  <Button kind='plain' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.monitoring, { householdId: w.householdId }) })}>
                    查看这一户的监测信息
                  </Button>
                </>
              ) : null}
            </View>
          )}
        />
      </Card>
    </>
  );
}

export default function WarningsPage() {
  return <SignedInPage title='监测预警' subtitle='低收入人口动态监测：按规则自动发现，逐条处理'>{() => <Warnings />}</SignedInPage>;
}
