// How a 一拉就响 alert reads everywhere (issue 5): its state, deadline and what is left, the counts with a progress
// bar, the village names, and the list of alerts the officer and the gridworkers open. Labels come from the core.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '../client/call';
import { ALERT_STATE_LABELS, ROLL_CALL_FILTER_LABELS, ROLL_CALL_STATUS_LABELS, ROLL_CALL_STATUS_SHORT_LABELS as SHORT, type RollCallStatus } from '../core/alerts/roll-call';
import { err } from '../core/errors';
import { useLive, type Live } from '../hooks/use-live';
import { usePaged } from '../hooks/use-paged';
import { useQueryParam } from '../hooks/use-query-param';
import { useResult } from '../hooks/use-result';
import { withQuery, type Route } from '../routes';
import { Card } from './card';
import { formatTime } from './format-time';
import { Chips } from './chips';
import { ListRow } from './list-row';
import { PagedList } from './paged-list';
import { Tag, type TagTone } from './tag';
import './alerts.css';

export type AlertItem = ActionOutput<'alerts', 'alerts'>['items'][number];
export type AlertBoard = ActionOutput<'alerts', 'board'>;
export type AlertView = AlertBoard['alert'];
/** Counts with what follows from them, as the board and the list return them. */
export type Progress = AlertBoard['overall'];
type AlertState = AlertView['state'];

const MINUTE_MS = 60_000;

const STATE_TONES: Record<AlertState, TagTone> = { raising: 'warn', open: 'danger', closed: 'neutral' };

const STATUS_TONES: Record<RollCallStatus, TagTone> = { pending: 'warn', safe: 'primary', needsHelp: 'danger', unreachable: 'danger' };

/** The alert a page is about: its `alertId` query (message links and lists open pages with it). */
export function useAlertId(): string {
  return useQueryParam('alertId');
}

/** One alert's board within the caller's area, kept fresh (on an interval with `everyMs`). */
export function useBoard(alertId: string, options: { everyMs?: number } = {}): Live<AlertBoard> {
  return useLive(
    () => (alertId ? call('alerts', 'board', { alertId }) : Promise.resolve(err('RECORD.NOT_FOUND'))),
    [alertId],
    { ...options, keys: [['alerts', alertId]] },
  );
}

export function AlertStateTag(props: { state: AlertState }) {
  return <Tag tone={STATE_TONES[props.state]}>{ALERT_STATE_LABELS[props.state]}</Tag>;
}

export function StatusTag(props: { status: RollCallStatus }) {
  return <Tag tone={STATUS_TONES[props.status]}>{ROLL_CALL_STATUS_LABELS[props.status]}</Tag>;
}

/** "截止 2026-11-02 16:00（还剩3小时20分钟）", or that the deadline has passed or the alert ended. */
export function deadlineText(alert: Pick<AlertView, 'state' | 'deadlineAt' | 'escalation'>, now: number): string {
  const at = formatTime(alert.deadlineAt);
  if (alert.state === 'closed') return `截止 ${at} · 已结束`;
  // The server's word first: escalated means the deadline passed (whatever this device's clock says).
  if (alert.escalation || now >= alert.deadlineAt) return `截止 ${at} · 已到截止时间`;
  const minutes = Math.ceil((alert.deadlineAt - now) / MINUTE_MS);
  const hours = Math.floor(minutes / 60);
  const left = hours > 0 ? `${hours}小时${minutes % 60 ? `${minutes % 60}分钟` : ''}` : `${minutes}分钟`;
  return `截止 ${at}（还剩${left}）`;
}

/** What the escalation at the deadline did, in one sentence. */
export function escalationText(escalation: NonNullable<AlertView['escalation']>): string {
  if (escalation.unreached === 0) return '已到截止时间，所有人都已联系上';
  return `已到截止时间，${escalation.unreached}人未联系上，已通知村干部和民政办`;
}

export function ProgressBar(props: { percent: number; label: string }) {
  const width = Math.max(0, Math.min(100, props.percent));
  return (
    <View className='ui-progress' role='progressbar' aria-label={props.label} aria-valuenow={width} aria-valuemin={0} aria-valuemax={100}>
      <View className={width >= 100 ? 'ui-progress__bar ui-progress__bar--done' : 'ui-progress__bar'} style={{ width: `${width}%` }} />
    </View>
  );
}

/** "已联系 12/40（30%）" and the counts by status. */
export function reachedLine(p: Progress): string {
  return `已联系 ${p.reached}/${p.total}（${p.reachedPercent}%）`;
}

export function countsLine(p: Pick<Progress, 'safe' | 'needsHelp' | 'unreachable' | 'pending'>): string {
  return `${SHORT.safe} ${p.safe} · ${SHORT.needsHelp} ${p.needsHelp} · ${SHORT.unreachable} ${p.unreachable} · ${SHORT.pending} ${p.pending}`;
}

/** Big numbers for the top of the board and of a roll call, with the bar. */
export function ProgressSummary(props: { progress: Progress; label: string }) {
  const p = props.progress;
  const cells: { key: string; label: string; n: number; tone?: 'danger' | 'warn' }[] = [
    { key: 'total', label: '应点名', n: p.total },
    { key: 'reached', label: ROLL_CALL_FILTER_LABELS.reached, n: p.reached },
    { key: 'needsHelp', label: SHORT.needsHelp, n: p.needsHelp, tone: 'danger' },
    { key: 'unreachable', label: SHORT.unreachable, n: p.unreachable, tone: 'danger' },
    { key: 'pending', label: SHORT.pending, n: p.pending, tone: 'warn' },
  ];
  return (
    <View className='ui-progress-summary' aria-label={props.label}>
      <View className='ui-counts'>
        {cells.map((c) => (
          <View key={c.key} className={c.tone && c.n > 0 ? `ui-count ui-count--${c.tone}` : 'ui-count'} data-count={c.key}>
            <Text className='ui-count__n'>{c.n}</Text>
            <Text className='ui-count__label'>{c.label}</Text>
          </View>
        ))}
      </View>
      <View className='ui-progress-line'>
        <ProgressBar percent={p.reachedPercent} label={`${props.label}已联系比例`} />
        <Text className='ui-progress-line__percent' data-percent=''>{`${p.reachedPercent}%`}</Text>
      </View>
    </View>
  );
}

/** Village names by id (the town's structure is readable by every signed-in user). */
export function useVillages(): readonly { _id: string; name: string }[] | null {
  const areas = useResult(() => call('session', 'areas', {}), []);
  if (areas.status === 'loading') return null;
  return areas.status === 'ok' ? areas.data : [];
}

export function villageNames(ids: readonly string[], villages: readonly { _id: string; name: string }[] | null): string {
  return ids.map((id) => villages?.find((v) => v._id === id)?.name ?? '…').join('、');
}

export function alertTitle(alert: Pick<AlertView, 'reasonLabel'>): string {
  return `${alert.reasonLabel}预警`;
}

function AlertRow(props: { alert: AlertItem; villages: string; now: number; open: () => void }) {
  const a = props.alert;
  return (
    <View className='ui-alert-row' data-alert={a._id}>
      <ListRow
        title={`${alertTitle(a)} · ${props.villages}`}
        meta={deadlineText(a, props.now)}
        tags={
          <>
            <AlertStateTag state={a.state} />
            {a.escalation && a.escalation.unreached > 0 ? <Tag tone='danger'>{`已上报${a.escalation.unreached}人未联系上`}</Tag> : null}
            <Text className='ui-row__meta'>{`${reachedLine(a.progress)} · ${countsLine(a.progress)}`}</Text>
            <ProgressBar percent={a.progress.reachedPercent} label={`${alertTitle(a)}已联系比例`} />
          </>
        }
        onClick={props.open}
      />
    </View>
  );
}

type StateFilter = 'open' | 'closed';
const STATE_FILTERS: readonly StateFilter[] = ['open', 'closed'];
const STATE_OPTIONS = STATE_FILTERS.map((value) => ({ value, label: ALERT_STATE_LABELS[value] }));

/** The alerts covering the caller's area, newest first; tapping one opens `target` with its id. */
export function AlertList(props: { target: Route; initialState?: StateFilter | null; empty: string }) {
  const [state, setState] = useState<StateFilter | null>(props.initialState ?? null);
  const villages = useVillages();
  const paged = usePaged((before: ActionOutput<'alerts', 'alerts'>['next']) => call('alerts', 'alerts', { limit: 20, ...(state ? { state } : {}), ...(before ? { before } : {}) }), [state], { keys: [['alerts']] });
  const now = Date.now();
  return (
    <>
      <Card>
        <Chips label='预警状态' options={STATE_OPTIONS} value={state} onChange={(v) => setState(v as StateFilter | null)} />
      </Card>
      <Card title='预警'>
        <PagedList
          paged={paged}
          empty={props.empty}
          row={(a: AlertItem) => (
            <AlertRow key={a._id} alert={a} villages={villageNames(a.villageIds, villages)} now={now} open={() => void Taro.navigateTo({ url: withQuery(props.target, { alertId: a._id }) })} />
          )}
        />
      </Card>
    </>
  );
}
