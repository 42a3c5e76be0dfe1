// 点名进度 (issue 5, PRODUCT flow 7): the live board of one alert — overall counts and the share reached, each
// village and grid with its bar, the escalation at the deadline, the unreached list. It refreshes itself every
// 10 seconds while shown (and on pull-down or 刷新). The officer ends the alert; its summary is kept and shown.
// Gridworkers and village cadres see the same board for their own area.
import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { formatInBeijing } from '@/core/calendar';
import type { AppError } from '@/core/errors';
import { reachedCount } from '@/core/alerts/roll-call';
import {
  alertTitle,
  AlertStateTag,
  countsLine,
  deadlineText,
  escalationText,
  ProgressBar,
  ProgressSummary,
  reachedLine,
  StatusTag,
  useAlertId,
  useBoard,
  useVillages,
  villageNames,
  type AlertBoard,
  type Progress,
} from '@/components/alert-view';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { formatTime } from '@/components/format-time';
import { Notice } from '@/components/form';
import { Field, ListRow } from '@/components/list-row';
import { PageFrame } from '@/components/page-frame';
import { PagedList } from '@/components/paged-list';
import { ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useNow } from '@/hooks/use-live';
import { usePaged } from '@/hooks/use-paged';
import { useSession } from '@/hooks/use-session';
import { ROUTES, withQuery } from '@/routes';

const REFRESH_MS = 10_000;

function clockTime(ms: number): string {
  return formatInBeijing(ms, 'HH:mm:ss');
}

function AreaLine(props: { name: string; progress: Progress; grid?: boolean }) {
  const p = props.progress;
  return (
    <View className={props.grid ? 'ui-area ui-area--grid' : 'ui-area'} data-area={props.name}>
      <View className='ui-area__head'>
        <Text className='ui-area__name'>{props.name}</Text>
        <Text className='ui-area__percent'>{`${p.reachedPercent}%`}</Text>
      </View>
      <ProgressBar percent={p.reachedPercent} label={`${props.name}已联系比例`} />
      <Text className='ui-area__counts'>{`${reachedLine(p)} · ${countsLine(p)}`}</Text>
    </View>
  );
}

function Unreached(props: { board: AlertBoard }) {
  const { alert } = props.board;
  const gridNames = new Map(props.board.villages.flatMap((v) => v.grids.map((g) => [g.gridId, `${v.name}${g.name}`] as const)));
  const paged = usePaged((after: string | null) => call('alerts', 'entries', { alertId: alert._id, status: 'unreached', limit: 30, ...(after ? { after } : {}) }), [alert._id], { keys: [['alerts', alert._id]] });
  return (
    <Card title={`未联系上 ${props.board.overall.unreached}人`}>
      <View aria-label='未联系上的人员'>
        <PagedList
          paged={paged}
          empty='所有人都已联系上'
          row={(e: (typeof paged.items)[number]) => (
            <ListRow
              key={e._id}
              title={e.name}
              meta={`${e.headName}户 · ${e.address} · ${gridNames.get(e.gridId) ?? ''}${e.note ? ` · 备注：${e.note}` : ''}`}
              tags={
                <>
                  <StatusTag status={e.status} />
                  {e.escalated ? <Tag tone='danger'>已上报</Tag> : null}
                </>
              }
            />
          )}
        />
      </View>
    </Card>
  );
}

function Summary(props: { board: AlertBoard }) {
  const { alert, villages } = props.board;
  const s = alert.summary;
  if (!s) return null;
  return (
    <Card title='结束时的汇总'>
      <Notice tone='ok'>{`预警已于 ${alert.closedAt ? formatTime(alert.closedAt) : ''} 结束，已联系 ${reachedCount(s)}/${s.total}（${s.reachedPercent}%）`}</Notice>
      <Field label='全部'>{countsLine(s)}</Field>
      {s.byVillage.map((v) => (
        <Field key={v.villageId} label={villages.find((row) => row.villageId === v.villageId)?.name ?? v.villageId}>
          {`已联系 ${reachedCount(v)}/${v.total}（${v.reachedPercent}%）· ${countsLine(v)}`}
        </Field>
      ))}
    </Card>
  );
}

function CloseAlert(props: { board: AlertBoard; onClosed: (alert: AlertBoard['alert']) => void; onStale: () => void }) {
  const { alert, overall } = props.board;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function close(): Promise<void> {
    if (busy) return;
    const sure = await Taro.showModal({
      title: '结束预警',
      content: `结束后网格员不能再点名，${reachedLine(overall)}，${overall.unreached}人未联系上。确定结束？`,
      confirmText: '结束',
      cancelText: '再想想',
    });
    if (!sure.confirm) return;
    setBusy(true);
    const res = await call('alerts', 'close', { alertId: alert._id, version: alert.version });
    setBusy(false);
    setError(res.ok ? null : res.error);
    if (res.ok) props.onClosed(res.data);
    else if (res.error.code === 'RECORD.CONFLICT' || res.error.code === 'ALERT.CLOSED') props.onStale();
  }

  return (
    <View>
      {error ? <Notice tone='danger'>{error.code === 'RECORD.CONFLICT' ? '预警刚刚有了变化（例如已到截止时间），已显示最新情况，请再确认一次' : error.message}</Notice> : null}
      <Button block kind='danger' disabled={busy} onClick={() => void close()}>
        {busy ? '正在结束…' : '结束预警'}
      </Button>
    </View>
  );
}

function Board() {
  const session = useSession();
  const villages = useVillages();
  const now = useNow();
  const board = useBoard(useAlertId(), { everyMs: REFRESH_MS });
  // The unreached list starts again whenever the counts or the alert move (not on every quiet refresh).
  const [listRound, setListRound] = useState(0);
  const [seenAt, setSeenAt] = useState(0);
  const data = board.status === 'ok' ? board.data : null;
  useEffect(() => {
    if (data) setSeenAt(Date.now());
  }, [data]);

  async function refresh(): Promise<void> {
    await board.refresh();
    setListRound((n) => n + 1);
  }
  usePullDownRefresh(() => {
    void refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  if (!data) {
    return board.status === 'error' ? <ErrorState error={board.error} onRetry={() => void board.refresh()} /> : <Loading />;
  }
  const { alert, overall } = data;
  const isOfficer = session.status === 'ok' && session.me.role === 'officer';
  const marker = session.status === 'ok' && (session.me.role === 'gridworker' || session.me.role === 'cadre');
  const listKey = `${listRound}:${overall.pending}:${overall.unreachable}:${alert.version}`;
  return (
    <>
      <Card title={alertTitle(alert)} extra={<AlertStateTag state={alert.state} />}>
        <Field label='村（社区）'>{villageNames(alert.villageIds, villages)}</Field>
        <Field label='时限'>{deadlineText(alert, now)}</Field>
        <Field label='点名要求'>{alert.instructions}</Field>
        <Field label='发起'>{`${alert.raisedBy.name} · ${formatTime(alert.createdAt)}`}</Field>
      </Card>
      {alert.escalation ? <Notice tone={alert.escalation.unreached > 0 ? 'danger' : 'ok'}>{escalationText(alert.escalation)}</Notice> : null}
      <Card title={isOfficer ? '全镇点名进度' : '我负责区域的点名进度'}>
        <ProgressSummary progress={overall} label='点名进度' />
        <View className='ui-alert-actions'>
          <Text className='ui-plain'>{`${alert.state === 'open' ? '每10秒自动刷新 · ' : ''}更新于 ${clockTime(seenAt)}${board.staleError ? '（刷新失败，显示的是上次结果）' : ''}`}</Text>
          <Button kind='secondary' disabled={board.refreshing} onClick={() => void refresh()}>
            {board.refreshing ? '正在刷新…' : '刷新'}
          </Button>
        </View>
      </Card>
      <Summary board={data} />
      <Card title='各村进度'>
        {data.villages.map((v) => (
          <View key={v.villageId} data-village={v.villageId}>
            <AreaLine name={v.name} progress={v} />
            {v.grids.map((g) => (
              <AreaLine key={g.gridId} name={g.name} progress={g} grid />
            ))}
          </View>
        ))}
      </Card>
      <Unreached key={listKey} board={data} />
      {marker && alert.state === 'open' ? (
        <Button block onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.rollCall, { alertId: alert._id }) })}>
          去点名
        </Button>
      ) : null}
      {isOfficer && alert.state === 'open' ? (
        <CloseAlert
          board={data}
          onClosed={(closed) => {
            board.set({ ...data, alert: closed });
            // This board and every list showing the alert (the alerts, the gridworkers' roll calls).
            invalidate(['alerts']);
          }}
          onStale={() => void refresh()}
        />
      ) : null}
    </>
  );
}

export default function AlertBoardPage() {
  return (
    <PageFrame title='点名进度' subtitle='一拉就响：谁已联系上，谁还没有'>
      <Board />
    </PageFrame>
  );
}
