// 走访记录 (issue 4): one visit covers the whole household — each member answered on the checklist (policies
// delivered, still in hardship, uncovered at risk, the six 无人 problems, a child in danger), a major change,
// notes, photos, location, and the follow-up plan's items. The visit being written is kept on the device until the
// server has it; the submission carries the draft's request id, so a retry never makes a second visit.
import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import type { UploadedFile } from '@/client/upload';
import { err } from '@/core/errors';
import { MAJOR_CHANGE_KINDS, MAJOR_CHANGE_LABELS, type MajorChangeKind } from '@/core/visits/major-change';
import { dueText } from '@/core/visits/person-schedule';
import { frequencyLabel } from '@/core/visits/schedule';
import {
  CHECKLIST_KEYS,
  isProblemAnswer,
  VISIT_CHECKLIST,
  VISIT_NOTES_MAX,
  VISIT_PHOTOS_MAX,
  visitInputSchema,
  type ChecklistAnswers,
  type ChecklistKey,
  type VisitLocation,
} from '@/core/visits/visit-record';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { formatTime } from '@/components/format-time';
import { Chips } from '@/components/chips';
import { CheckRow, FormFoot, FormItem, Notice, TextArea, TextInput } from '@/components/form';
import { IssueRow } from '@/components/issue-row';
import { Field, ListRow } from '@/components/list-row';
import { PageFrame } from '@/components/page-frame';
import { RiskTag } from '@/components/person-tags';
import { PhotoPicker } from '@/components/photo-picker';
import { ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useDraft } from '@/hooks/use-draft';
import { useResult } from '@/hooks/use-result';
import { useSubscriptionOffer } from '@/hooks/use-subscription-offer';
import { useQueryParam } from '@/hooks/use-query-param';
import { ROUTES, withQuery } from '@/routes';
import '@/components/visits-style';

type HouseholdView = ActionOutput<'visits', 'household'>;
type Member = HouseholdView['members'][number];
type Recorded = ActionOutput<'visits', 'record'>;

interface VisitDraft {
  /** When the visit was made: the draft's start, even if it reaches the server later. */
  visitedAt: number;
  selected: string[];
  answers: Record<string, ChecklistAnswers>;
  changes: Record<string, MajorChangeKind | ''>;
  notes: string;
  photos: UploadedFile[];
  location: VisitLocation | null;
  /** Follow-up plan items: ok or not, with a note. */
  checks: Record<string, { ok: boolean; note: string }>;
}

const YES_NO = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];
const CHANGE_OPTIONS = MAJOR_CHANGE_KINDS.map((k) => ({ value: k, label: MAJOR_CHANGE_LABELS[k] }));
const OK_OPTIONS = [
  { value: 'ok', label: '正常' },
  { value: 'bad', label: '有异常' },
];

/** Every answer "all fine": policies delivered, no problem. */
function fineAnswers(): ChecklistAnswers {
  return Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, VISIT_CHECKLIST[k].problemWhen === false])) as ChecklistAnswers;
}

function Question(props: { member: Member; k: ChecklistKey; value: boolean; onChange: (v: boolean) => void }) {
  const item = VISIT_CHECKLIST[props.k];
  const problem = isProblemAnswer(props.k, props.value);
  return (
    <View className={problem ? 'ui-question ui-question--problem' : 'ui-question'} data-question={props.k}>
      <Text className='ui-question__text'>{item.question}</Text>
      <Chips label={`${props.member.name}：${item.label}`} noAll options={YES_NO} value={props.value ? 'yes' : 'no'} onChange={(v) => props.onChange(v === 'yes')} />
    </View>
  );
}

function MemberCard(props: { member: Member; answers: ChecklistAnswers; change: MajorChangeKind | ''; onAnswers: (a: ChecklistAnswers) => void; onChange: (c: MajorChangeKind | '') => void }) {
  const { member } = props;
  const keys = CHECKLIST_KEYS.filter((k) => k !== 'childAtRisk' || member.minor);
  return (
    <Card title={`${member.name}（${member.relation || '成员'}）`} extra={<RiskTag tier={member.riskTier} />}>
      {keys.map((k) => (
        <Question key={k} member={member} k={k} value={props.answers[k]} onChange={(v) => props.onAnswers({ ...props.answers, [k]: v })} />
      ))}
      <FormItem label='重大变故' hint='有变故时选上，系统会安排24小时内再次走访并提醒镇民政办'>
        <Chips label={`${member.name}：重大变故`} allLabel='无' options={CHANGE_OPTIONS} value={props.change || null} onChange={(v) => props.onChange((v as MajorChangeKind | null) ?? '')} />
      </FormItem>
    </Card>
  );
}

function ResultCard(props: { result: Recorded; members: readonly Member[] }) {
  const { result } = props;
  const name = (id: string) => props.members.find((m) => m.personId === id)?.name ?? '';
  return (
    <Card title='走访已记录'>
      <Notice tone={result.notified ? 'danger' : 'ok'}>
        {result.notified ? '发现紧急情况，已立即通知镇民政办' : result.issues.length ? `发现${result.issues.length}个问题，已报镇民政办督办` : '本次走访未发现问题'}
      </Notice>
      {result.issues.map((i) => (
        <IssueRow key={i._id} issue={{ ...i, state: 'open', ownerName: null }} />
      ))}
      {result.schedule.map((s) => (
        <Field key={s.personId} label={name(s.personId) || s.name}>{`下次走访：${formatTime(s.nextVisitDue)}前`}</Field>
      ))}
      <View className='ui-button-row'>
        <Button kind='secondary' onClick={() => void Taro.navigateBack()}>
          返回清单
        </Button>
      </View>
    </Card>
  );
}

function VisitForm(props: { view: HouseholdView; planId: string | null; onRecorded: (result: Recorded) => void }) {
  const { view } = props;
  const plan = view.plan && (!props.planId || props.planId === view.plan._id) ? view.plan : null;
  const members = view.members;
  const { draft, update, clear } = useDraft<VisitDraft>(`visit:${view.household._id}`, () => ({
    visitedAt: Date.now(),
    selected: members.map((m) => m.personId),
    answers: Object.fromEntries(members.map((m) => [m.personId, fineAnswers()])),
    changes: {},
    notes: '',
    photos: [],
    location: null,
    checks: {},
  }));
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const offer = useSubscriptionOffer();
  const selected = members.filter((m) => draft.selected.includes(m.personId));

  async function locate(): Promise<void> {
    try {
      const at = await Taro.getLocation({ type: 'gcj02' });
      update({ location: { latitude: at.latitude, longitude: at.longitude, ...(at.accuracy ? { accuracy: at.accuracy } : {}) } });
    } catch {
      void Taro.showToast({ title: '没有取到位置，可以不填', icon: 'none' });
    }
  }

  async function submit(): Promise<void> {
    if (sending) return;
    const input = {
      requestId: draft.requestId,
      householdId: view.household._id,
      visitedAt: draft.visitedAt,
      members: selected.map((m) => {
        const change = draft.changes[m.personId];
        return { personId: m.personId, ...fineAnswers(), ...draft.answers[m.personId], ...(change ? { majorChange: change } : {}) };
      }),
      notes: draft.notes,
      photos: draft.photos.map((p) => p.fileID),
      ...(draft.location ? { location: draft.location } : {}),
      ...(plan
        ? {
            followUp: {
              planId: plan._id,
              items: plan.items.map((i) => {
                const c = draft.checks[i.id];
                return { itemId: i.id, ok: c?.ok ?? true, ...(c?.note ? { note: c.note } : {}) };
              }),
            },
          }
        : {}),
    };
    const parsed = visitInputSchema.safeParse(input);
    if (!parsed.success) {
      setFailure(parsed.error.issues[0]?.message ?? '填写的内容有误');
      return;
    }
    setFailure(null);
    setSending(true);
    // RULES §30: the reminders (visit digest, issue outcomes, roll calls) are asked inside the tap, never waited for.
    offer.ask();
    const res = await call('visits', 'record', input);
    setSending(false);
    if (!res.ok) {
      setFailure(res.error.code === 'NETWORK.FAILED' ? `${res.error.message}。走访内容已保存在手机上，网络恢复后再点提交即可，不会重复记录` : res.error.message);
      return;
    }
    clear();
    props.onRecorded(res.data);
  }

  return (
    <>
      <Card title='走访对象' extra={<Text className='ui-row__meta'>{`开始于 ${formatTime(draft.visitedAt)}`}</Text>}>
        {members.map((m) => (
          <CheckRow
            key={m.personId}
            checked={draft.selected.includes(m.personId)}
            onChange={(on) => update({ selected: on ? [...draft.selected, m.personId] : draft.selected.filter((id) => id !== m.personId) })}
          >
            {`${m.name}（${m.relation || '成员'}）· ${dueText(m.nextVisitDue, Date.now())}`}
          </CheckRow>
        ))}
      </Card>
      {selected.map((m) => (
        <MemberCard
          key={m.personId}
          member={m}
          answers={{ ...fineAnswers(), ...draft.answers[m.personId] }}
          change={draft.changes[m.personId] ?? ''}
          onAnswers={(a) => update({ answers: { ...draft.answers, [m.personId]: a } })}
          onChange={(c) => update({ changes: { ...draft.changes, [m.personId]: c } })}
        />
      ))}
      {plan ? (
        <Card title='跟踪帮扶检查事项' extra={<Tag tone='info'>{frequencyLabel(plan.frequencyDays)}</Tag>}>
          {plan.items.map((item) => {
            const c = draft.checks[item.id] ?? { ok: true, note: '' };
            const set = (patch: Partial<typeof c>) => update({ checks: { ...draft.checks, [item.id]: { ...c, ...patch } } });
            return (
              <View key={item.id} className={c.ok ? 'ui-question' : 'ui-question ui-question--problem'}>
                <Text className='ui-question__text'>{item.label}</Text>
                <Chips label={`检查事项：${item.label}`} noAll options={OK_OPTIONS} value={c.ok ? 'ok' : 'bad'} onChange={(v) => set({ ok: v !== 'bad' })} />
                {c.ok ? null : <TextInput label={`${item.label}的说明`} value={c.note} onChange={(note) => set({ note })} placeholder='说明异常情况' />}
              </View>
            );
          })}
        </Card>
      ) : null}
      <Card>
        <FormItem label='走访记录'>
          <TextArea label='走访记录' value={draft.notes} max={VISIT_NOTES_MAX} onChange={(notes) => update({ notes })} placeholder='看到的情况、谈话内容、需要跟进的事' />
        </FormItem>
        <FormItem label='照片（可不传）' hint={`最多${VISIT_PHOTOS_MAX}张`}>
          <PhotoPicker label='走访照片' purpose='visit' max={VISIT_PHOTOS_MAX} value={draft.photos} onChange={(photos) => update({ photos })} />
        </FormItem>
        <FormItem label='位置（可不填）'>
          {draft.location ? <Text>{`已记录（${draft.location.latitude.toFixed(4)}, ${draft.location.longitude.toFixed(4)}）`}</Text> : null}
          <Button kind='plain' onClick={() => void locate()}>
            {draft.location ? '重新定位' : '记录当前位置'}
          </Button>
        </FormItem>
      </Card>
      <FormFoot error={failure}>
        <Button block disabled={sending || selected.length === 0} onClick={() => void submit()}>
          {sending ? '正在提交…' : '提交走访'}
        </Button>
      </FormFoot>
    </>
  );
}

function HouseholdRecord(props: { view: HouseholdView }) {
  const { view } = props;
  return (
    <>
      {view.issues.length ? (
        <Card title='这一户的问题'>
          {view.issues.map((i) => (
            <View key={i._id}>
              <IssueRow issue={i} />
              {i.state === 'resolved' && i.resolution ? <Notice tone='ok'>{`处理结果：${i.resolution}`}</Notice> : null}
            </View>
          ))}
        </Card>
      ) : null}
      <Card title='走访记录'>
        {view.visits.length === 0 ? <Text className='ui-row__meta'>还没有走访记录</Text> : null}
        {view.visits.map((v) => (
          <ListRow key={v._id} title={`${formatTime(v.visitedAt)} · ${v.visitorName}`} meta={v.notes || `走访${v.members}人${v.photos ? `，照片${v.photos}张` : ''}`} />
        ))}
      </Card>
    </>
  );
}

export default function VisitPage() {
  const householdId = useQueryParam('householdId');
  const planId = useQueryParam('planId') || null;
  const found = useResult(
    () => (householdId ? call('visits', 'household', { householdId }) : Promise.resolve(err('RECORD.NOT_FOUND'))),
    [householdId],
  );
  const [result, setResult] = useState<Recorded | null>(null);
  // While the household reloads after a visit, the page keeps showing what it had.
  const shown = useRef<HouseholdView | null>(null);
  if (found.status === 'ok') shown.current = found.data;
  const view = shown.current;
  if (!view) {
    return (
      <PageFrame title='走访'>
        {found.status === 'error' ? <ErrorState error={found.error} onRetry={found.reload} /> : <Loading />}
      </PageFrame>
    );
  }
  const h = view.household;
  return (
    <PageFrame title={`${h.headName}户`} subtitle={h.address}>
      <Card>
        {h.keyHousehold ? <Tag tone='danger'>重点户</Tag> : null}
        {h.floating ? <Tag tone='neutral'>流动人口户</Tag> : null}
        {view.members.map((m) => (
          <Field key={m.personId} label={m.name}>{`${dueText(m.nextVisitDue, Date.now())}（${m.dueReason}）`}</Field>
        ))}
        {view.plan ? (
          <ListRow title='跟踪帮扶计划' meta={`${frequencyLabel(view.plan.frequencyDays)}走访 · 责任人 ${view.plan.ownerName}`} onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.plan, { id: view.plan!._id }) })} />
        ) : (
          <ListRow title='建立跟踪帮扶计划' meta='为受助家庭指定一对一责任人和走访频次' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.plan, { householdId: h._id }) })} />
        )}
      </Card>
      {result ? (
        <ResultCard result={result} members={view.members} />
      ) : (
        <VisitForm
          view={view}
          planId={planId}
          onRecorded={(recorded) => {
            setResult(recorded);
            found.reload();
          }}
        />
      )}
      <HouseholdRecord view={view} />
    </PageFrame>
  );
}
