// 预警点名 (issue 5, PRODUCT flow 7): one alert for a gridworker or village cadre — the reason, the instructions,
// the time left and their own counts; their people grouped by household, each marked 平安 / 需要帮助 / 联系不上,
// the whole household at once or the persons ticked, with an optional note. 需要帮助 opens an urgent case (asked
// first), then links to it. A mark updates the household and the counts in place (issue 15): a person marked leaves
// 待联系 at once for the list of their new status; changing a mark already made is asked first.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { ALERT_NOTE_MAX_CHARS, checkMark, isUnreached, ROLL_CALL_STATUS_SHORT_LABELS, ROLL_CALL_FILTER_LABELS, statusesOf, type MarkStatus, type RollCallStatus } from '@/core/alerts/roll-call';
import { charCount } from '@/core/text';
import { alertTitle, AlertStateTag, deadlineText, ProgressSummary, StatusTag, useAlertId, useBoard } from '@/components/alert-view';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { CheckRow, Notice, TextArea } from '@/components/form';
import { Field } from '@/components/list-row';
import { PageFrame } from '@/components/page-frame';
import { PagedList } from '@/components/paged-list';
import { ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useNow } from '@/hooks/use-live';
import { usePaged, type Paged } from '@/hooks/use-paged';
import { ROUTES, withQuery } from '@/routes';

type Entry = ActionOutput<'alerts', 'entries'>['items'][number];
type Filter = 'pending' | 'unreachable' | 'reached' | 'all';
/** What a mark changed on an entry, laid over the list as loaded. */
type Marked = { status: RollCallStatus; version: number; note?: string; caseId?: string };

interface Household {
  householdId: string;
  headName: string;
  address: string;
  members: Entry[];
}

// 待联系 is who was not called yet; 联系不上 who must be called again; 已联系 who was spoken to.
const FILTERS = (['pending', 'unreachable', 'reached', 'all'] as const satisfies readonly Filter[]).map((value) => ({ value, label: ROLL_CALL_FILTER_LABELS[value] }));
const EMPTY: Record<Filter, string> = { pending: '都已点过名了', unreachable: '没有联系不上的人', reached: '还没有联系上的人', all: '你负责的区域没有需要点名的人' };
const MARKS: { status: MarkStatus; kind: 'primary' | 'danger' | 'secondary' }[] = [
  { status: 'safe', kind: 'primary' },
  { status: 'needsHelp', kind: 'danger' },
  { status: 'unreachable', kind: 'secondary' },
];

/** The entries as loaded, by household, in the order they came. */
function byHousehold(entries: readonly Entry[]): Household[] {
  const out = new Map<string, Household>();
  for (const e of entries) {
    const h = out.get(e.householdId) ?? { householdId: e.householdId, headName: e.headName, address: e.address, members: [] };
    h.members.push(e);
    out.set(e.householdId, h);
  }
  return [...out.values()];
}

function withMark(e: Entry, m: Marked | undefined): Entry {
  if (!m || m.version <= e.version) return e;
  const status = m.status;
  return { ...e, status, version: m.version, escalated: e.escalated && isUnreached(status), ...(m.note ? { note: m.note } : {}), ...(m.caseId ? { caseId: m.caseId } : {}) };
}

function HouseholdMarks(props: { household: Household; alertId: string; open: boolean; onMarked: (marks: Record<string, Marked>) => void }) {
  const { household, alertId } = props;
  const members = household.members;
  const [selected, setSelected] = useState<string[]>(() => members.map((m) => m.personId));
  const [note, setNote] = useState('');
  const [noting, setNoting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const caseId = members.find((m) => m.caseId)?.caseId;
  const label = `${household.headName || members[0]!.name}户`;

  async function mark(status: MarkStatus): Promise<void> {
    if (busy) return;
    // A person who needs help has an urgent case open and stays so (ALERT.ALREADY_NEEDS_HELP).
    const chosen = members.filter((m) => selected.includes(m.personId) && checkMark(m.status, status).ok);
    if (chosen.length === 0) {
      setError(selected.length === 0 ? '请先勾选要点名的人' : '已转为紧急求助的人员不能再改为其他状态');
      return;
    }
    if (charCount(note.trim()) > ALERT_NOTE_MAX_CHARS) {
      setError(`备注最多${ALERT_NOTE_MAX_CHARS}个字`);
      return;
    }
    // Issue 15: a mark already made is changed only when the gridworker says so (a second tap never flips 平安).
    const changed = chosen.filter((m) => m.status !== 'pending' && m.status !== status);
    if (changed.length > 0 && status !== 'needsHelp') {
      const sure = await Taro.showModal({
        title: '修改点名结果',
        content: `${changed.map((m) => `${m.name}已标记为“${ROLL_CALL_STATUS_SHORT_LABELS[m.status]}”`).join('，')}。改为“${ROLL_CALL_STATUS_SHORT_LABELS[status]}”吗？`,
        confirmText: '修改',
        cancelText: '不改',
      });
      if (!sure.confirm) return;
    }
    if (status === 'needsHelp') {
      const sure = await Taro.showModal({
        title: '需要帮助',
        content: `将为${chosen.map((m) => m.name).join('、')}发起紧急求助，镇民政办会立即处理。确定？`,
        confirmText: '确定',
        cancelText: '再想想',
      });
      if (!sure.confirm) return;
    }
    setBusy(true);
    setError(null);
    const whole = chosen.length === members.length;
    const res = await call('alerts', 'mark', {
      alertId,
      householdId: household.householdId,
      status,
      ...(whole ? {} : { personIds: chosen.map((m) => m.personId) }),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    if (!res.ok) {
      setError(res.error.code === 'NETWORK.FAILED' ? `${res.error.message}，这次没有记上，请再点一次` : res.error.message);
      return;
    }
    const marks: Record<string, Marked> = {};
    for (const m of res.data.marked) marks[m._id] = { status: m.status, version: m.version, ...(note.trim() ? { note: note.trim() } : {}), ...(res.data.caseId ? { caseId: res.data.caseId } : {}) };
    setNote('');
    setNoting(false);
    props.onMarked(marks);
  }

  return (
    <View className='ui-household' role='group' aria-label={label} data-household={household.householdId}>
      <Text className='ui-household__head'>{label}</Text>
      <Text className='ui-household__address'>{household.address}</Text>
      {members.map((m) => {
        const person = (
          <View className='ui-roll-person' data-person={m.personId}>
            <Text className='ui-roll-person__name'>{m.name}</Text>
            <StatusTag status={m.status} />
            {m.escalated ? <Tag tone='danger'>已超时上报</Tag> : null}
            {m.note ? <Text className='ui-roll-person__note'>{`备注：${m.note}`}</Text> : null}
          </View>
        );
        return members.length > 1 && props.open ? (
          <CheckRow key={m.personId} checked={selected.includes(m.personId)} onChange={(on) => setSelected(on ? [...selected, m.personId] : selected.filter((id) => id !== m.personId))}>
            {person}
          </CheckRow>
        ) : (
          <View key={m.personId}>{person}</View>
        );
      })}
      {caseId ? (
        <View className='ui-alert-actions'>
          <Notice tone='danger'>已转为紧急求助，镇民政办会立即处理</Notice>
          <Button kind='secondary' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.workerCase, { id: caseId }) })}>
            查看求助
          </Button>
        </View>
      ) : null}
      {error ? <Notice tone='danger'>{error}</Notice> : null}
      {props.open ? (
        <>
          {noting ? (
            <TextArea label={`${label}备注`} value={note} max={ALERT_NOTE_MAX_CHARS} onChange={setNote} placeholder='联系方式、对方情况、需要什么帮助' />
          ) : (
            <Button kind='plain' onClick={() => setNoting(true)}>
              写备注
            </Button>
          )}
          <View className='ui-marks' role='group' aria-label={`${label}点名`}>
            {MARKS.map((m) => (
              <Button key={m.status} kind={m.kind} disabled={busy} onClick={() => void mark(m.status)}>
                {ROLL_CALL_STATUS_SHORT_LABELS[m.status]}
              </Button>
            ))}
          </View>
        </>
      ) : null}
    </View>
  );
}

function RollCall() {
  const alertId = useAlertId();
  const now = useNow();
  const board = useBoard(alertId);
  const [filter, setFilter] = useState<Filter>('pending');
  const [marks, setMarks] = useState<Record<string, Marked>>({});
  const [moved, setMoved] = useState<string | null>(null);
  const paged = usePaged((after: string | null) => call('alerts', 'entries', { alertId, status: filter, limit: 100, ...(after ? { after } : {}) }), [alertId, filter]);

  if (board.status !== 'ok') return board.status === 'error' ? <ErrorState error={board.error} onRetry={() => void board.refresh()} /> : <Loading />;
  const { alert, overall } = board.data;
  const open = alert.state === 'open';
  // A person marked since the list loaded leaves a list their new status is not in, at once.
  const wanted = statusesOf(filter);
  const shown = paged.items.map((e) => withMark(e, marks[e._id])).filter((e) => !wanted || wanted.includes(e.status));
  const households = byHousehold(shown);
  const pagedHouseholds: Paged<{ items: Household[]; next: string | null }> = { ...paged, items: households, last: null };

  return (
    <>
      <Card title={alertTitle(alert)} extra={<AlertStateTag state={alert.state} />}>
        <Field label='点名要求'>{alert.instructions}</Field>
        <Field label='时限'>{deadlineText(alert, now)}</Field>
      </Card>
      {alert.escalation && overall.unreached > 0 ? <Notice tone='danger'>{`已到截止时间，你负责的还有${overall.unreached}人未联系上，已上报村干部和民政办，请继续联系`}</Notice> : null}
      {open ? null : <Notice tone='warn'>这次预警已经结束，不能再点名</Notice>}
      <Card title='我的点名' extra={<Button kind='plain' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.alertBoard, { alertId }) })}>各网格进度</Button>}>
        <ProgressSummary progress={overall} label='我的点名' />
      </Card>
      <Card>
        <Chips label='点名名单' noAll options={FILTERS} value={filter} onChange={(v) => setFilter((v as Filter | null) ?? 'pending')} />
      </Card>
      {moved ? <Notice tone='ok'>{moved}</Notice> : null}
      <Card title={filter === 'all' ? '全部家庭' : `${ROLL_CALL_FILTER_LABELS[filter]}的家庭`}>
        <PagedList
          paged={pagedHouseholds}
          empty={EMPTY[filter]}
          row={(h: Household) => (
            <HouseholdMarks
              key={h.householdId}
              household={h}
              alertId={alertId}
              open={open}
              onMarked={(marked) => {
                setMarks((before) => ({ ...before, ...marked }));
                const status = Object.values(marked)[0]?.status;
                if (status && wanted && !wanted.includes(status)) {
                  setMoved(`${h.headName || h.members[0]!.name}户已标记为“${ROLL_CALL_STATUS_SHORT_LABELS[status]}”，移到“${ROLL_CALL_FILTER_LABELS[status === 'unreachable' ? 'unreachable' : 'reached']}”`);
                }
                // The counts here and on every page showing this alert; this list keeps its place (marks laid over it).
                invalidate(['alerts', alertId]);
              }}
            />
          )}
        />
      </Card>
    </>
  );
}

export default function RollCallPage() {
  return (
    <PageFrame title='预警点名' subtitle='逐户联系，确认平安'>
      <RollCall />
    </PageFrame>
  );
}
