// 修改人员信息 (issue 4): risk tier, categories and flags — the next visit is re-planned at once — and a major change,
// which makes a visit due within 24 h. Two people editing the same person: the second gets a conflict and sees
// both versions, then keeps theirs or takes the latest; nothing is overwritten silently.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { CATEGORIES, CATEGORY_LABELS, RISK_TIER_KEYS, RISK_TIERS, type Category, type RiskTier } from '@/core/categories';
import { err } from '@/core/errors';
import { PERSON_FLAG_LABELS, ROSTER_NOTES_MAX } from '@/core/roster/person-capture';
import { MAJOR_CHANGE_KINDS, MAJOR_CHANGE_LABELS, type MajorChangeKind } from '@/core/visits/major-change';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { formatTime } from '@/components/format-time';
import { Chips } from '@/components/chips';
import { CheckRow, FormFoot, FormItem, Notice, TextArea } from '@/components/form';
import { PageFrame } from '@/components/page-frame';
import { ErrorState, Loading } from '@/components/states';
import { useResult } from '@/hooks/use-result';
import { useSession } from '@/hooks/use-session';
import { useQueryParam } from '@/hooks/use-query-param';
import { ROUTES, withQuery } from '@/routes';
import '@/components/visits-style';

type Loaded = ActionOutput<'people', 'get'>;
type Person = Loaded['person'];

interface Form {
  riskTier: RiskTier;
  categories: Category[];
  floating: boolean;
  centralisedCare: boolean;
  notes: string;
}

const TIER_OPTIONS = RISK_TIER_KEYS.map((k) => ({ value: k, label: RISK_TIERS[k] }));
const CHANGE_OPTIONS = MAJOR_CHANGE_KINDS.map((k) => ({ value: k, label: MAJOR_CHANGE_LABELS[k] }));

const formOf = (p: Person): Form => ({
  riskTier: p.riskTier,
  categories: [...p.categories],
  floating: p.floating,
  centralisedCare: p.centralisedCare ?? false,
  notes: p.notes,
});

function describe(f: Form): string[] {
  return [
    `风险等级：${RISK_TIERS[f.riskTier]}`,
    `类别：${f.categories.map((c) => CATEGORY_LABELS[c]).join('、') || '无'}`,
    `${PERSON_FLAG_LABELS.floating}：${f.floating ? '是' : '否'}`,
    `集中供养：${f.centralisedCare ? '是' : '否'}`,
    `备注：${f.notes || '无'}`,
  ];
}

/** Both versions side by side after a conflict. */
function Versions(props: { mine: Form; theirs: Form; onKeepMine: () => void; onTakeTheirs: () => void }) {
  return (
    <Card title='有人刚修改过这条记录'>
      <Notice tone='warn'>你的修改还没有保存。请对照两边的内容，选择保留哪一份。</Notice>
      <View className='ui-versions'>
        {[
          { title: '你的修改', lines: describe(props.mine), key: 'mine' },
          { title: '最新内容（已保存）', lines: describe(props.theirs), key: 'theirs' },
        ].map((v) => (
          <View key={v.key} className='ui-version' data-version={v.key}>
            <Text className='ui-version__title'>{v.title}</Text>
            {v.lines.map((line) => (
              <Text key={line} className='ui-row__meta'>
                {line}
              </Text>
            ))}
          </View>
        ))}
      </View>
      <View className='ui-button-row'>
        <Button kind='secondary' onClick={props.onTakeTheirs}>
          采用最新内容
        </Button>
        <Button onClick={props.onKeepMine}>保留我的修改</Button>
      </View>
    </Card>
  );
}

function EditForm(props: { loaded: Loaded; officer: boolean }) {
  const { person, household } = props.loaded;
  const [version, setVersion] = useState(person.version);
  const [form, setForm] = useState<Form>(() => formOf(person));
  const [conflict, setConflict] = useState<Person | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'danger'; text: string } | null>(null);
  const [change, setChange] = useState<MajorChangeKind | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  async function save(atVersion = version): Promise<void> {
    setBusy(true);
    const res = await call('people', 'update', { personId: person._id, version: atVersion, ...form });
    setBusy(false);
    if (!res.ok) {
      if (res.error.code === 'RECORD.CONFLICT') {
        setConflict((res.error.details as { current: Person }).current);
        setMessage(null);
      } else setMessage({ tone: 'danger', text: res.error.message });
      return;
    }
    setConflict(null);
    setVersion(res.data.person.version);
    invalidate(['person', person._id], ['people'], ['visits']);
    setMessage({ tone: 'ok', text: `已保存。下次走访：${formatTime(res.data.nextVisitDue)}前（${res.data.dueReason}）` });
  }

  async function recordChange(): Promise<void> {
    if (!change) return;
    setBusy(true);
    const res = await call('people', 'recordChange', { personId: person._id, kind: change });
    setBusy(false);
    if (!res.ok) {
      setMessage({ tone: 'danger', text: res.error.message });
      return;
    }
    setVersion(res.data.person.version);
    setChange(null);
    invalidate(['person', person._id], ['people'], ['visits']);
    setMessage({ tone: 'ok', text: `已记录${MAJOR_CHANGE_LABELS[change]}。须在${formatTime(res.data.nextVisitDue)}前走访` });
  }

  async function toggleKey(): Promise<void> {
    setBusy(true);
    const res = await call('people', 'setKeyHousehold', { householdId: household._id, version: household.version, keyHousehold: !household.keyHousehold });
    setBusy(false);
    setMessage(res.ok ? { tone: 'ok', text: res.data.household.keyHousehold ? '已设为重点户，全户走访频次已调整' : '已取消重点户' } : { tone: 'danger', text: res.error.message });
    // The whole household's schedule moved: every member's page, the lists and the worklists.
    if (res.ok) invalidate(['person'], ['people'], ['visits']);
  }

  return (
    <>
      {conflict ? (
        <Versions
          mine={form}
          theirs={formOf(conflict)}
          onKeepMine={() => void save(conflict.version)}
          onTakeTheirs={() => {
            setForm(formOf(conflict));
            setVersion(conflict.version);
            setConflict(null);
          }}
        />
      ) : null}
      <Card title='风险与类别'>
        <FormItem label='风险等级' hint='改动后立即重新安排下次走访'>
          <Chips label='风险等级' noAll options={TIER_OPTIONS} value={form.riskTier} onChange={(v) => set({ riskTier: (v as RiskTier | null) ?? form.riskTier })} />
        </FormItem>
        <FormItem label='人员类别'>
          {CATEGORIES.map((c) => (
            <CheckRow key={c} checked={form.categories.includes(c)} onChange={(on) => set({ categories: on ? [...form.categories, c] : form.categories.filter((x) => x !== c) })}>
              {CATEGORY_LABELS[c]}
            </CheckRow>
          ))}
        </FormItem>
        <CheckRow checked={form.floating} onChange={(floating) => set({ floating })}>
          {PERSON_FLAG_LABELS.floating}
        </CheckRow>
        {form.categories.includes('tekun') ? (
          <CheckRow checked={form.centralisedCare} onChange={(centralisedCare) => set({ centralisedCare })}>
            集中供养（在供养机构生活）
          </CheckRow>
        ) : null}
        <FormItem label='备注'>
          <TextArea label='备注' value={form.notes} max={ROSTER_NOTES_MAX} onChange={(notes) => set({ notes })} />
        </FormItem>
        <FormFoot>
          <Button block disabled={busy} onClick={() => void save()}>
            保存
          </Button>
        </FormFoot>
      </Card>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <Card title='记录重大变故'>
        <Chips label='重大变故' noAll options={CHANGE_OPTIONS} value={change} onChange={(v) => setChange(v as MajorChangeKind | null)} />
        <Button kind='secondary' block disabled={busy || !change} onClick={() => void recordChange()}>
          记录并安排24小时内走访
        </Button>
      </Card>
      {props.officer ? (
        <Card title='镇民政办'>
          <Button kind={household.keyHousehold ? 'danger' : 'secondary'} block disabled={busy} onClick={() => void toggleKey()}>
            {household.keyHousehold ? '取消重点户' : '设为重点户'}
          </Button>
          <Button kind='plain' block onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.monitoring, { householdId: household._id }) })}>
            低收入人口监测信息
          </Button>
        </Card>
      ) : null}
    </>
  );
}

export default function PersonEditPage() {
  const personId = useQueryParam('id');
  const session = useSession();
  const found = useResult(() => (personId ? call('people', 'get', { personId }) : Promise.resolve(err('RECORD.NOT_FOUND'))), [personId], {
    keys: [['person', personId]],
  });
  if (found.status !== 'ok') return <PageFrame title='修改人员信息'>{found.status === 'loading' ? <Loading /> : <ErrorState error={found.error} onRetry={found.reload} />}</PageFrame>;
  const officer = session.status === 'ok' && session.me.role === 'officer';
  return (
    <PageFrame title={found.data.person.name} subtitle='修改信息与记录变故'>
      <EditForm key={`${found.data.person._id}:${found.data.household.version}`} loaded={found.data} officer={officer} />
    </PageFrame>
  );
}
