// A follow-up plan (跟踪帮扶, issue 4): for a new one, the defaults the rules give the household (tier, frequency —
// key households more often — and items to check) with one named owner; for an existing one, its owner and
// frequency can change (never below the rules), it can be visited against, or closed.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { RISK_TIERS } from '@/core/categories';
import { appError, type AppError } from '@/core/errors';
import { ROLE_LABELS } from '@/core/roles';
import { frequencyLabel } from '@/core/visits/schedule';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips, type ChipOption } from '@/components/chips';
import { CheckRow, FormFoot, FormItem, Notice } from '@/components/form';
import { Field } from '@/components/list-row';
import { PageFrame } from '@/components/page-frame';
import { ErrorState, Loading } from '@/components/states';
import { useDraft } from '@/hooks/use-draft';
import { useResult } from '@/hooks/use-result';
import { useQueryParam } from '@/hooks/use-query-param';
import { ROUTES, withQuery } from '@/routes';

type Draft = ActionOutput<'visits', 'planDraft'>;
type Owner = Draft['owners'][number];
const FREQUENCIES = [7, 14, 30, 90];

function ownerOptions(owners: readonly Owner[]): ChipOption[] {
  return owners.map((o) => ({ value: o._id, label: `${o.name}（${ROLE_LABELS[o.role]}）` }));
}

function frequencyOptions(maxDays: number): ChipOption[] {
  const days = [...new Set([...FREQUENCIES.filter((d) => d <= maxDays), maxDays])].sort((a, b) => a - b);
  return days.map((d) => ({ value: String(d), label: frequencyLabel(d) }));
}

function NewPlan(props: { draft: Draft }) {
  const { defaults, household, owners } = props.draft;
  const { draft, update, clear } = useDraft(`plan:${household._id}`, () => ({
    ownerId: '',
    frequencyDays: defaults.frequencyDays,
    itemIds: defaults.items.map((i) => i.id),
  }));
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(): Promise<void> {
    if (!draft.ownerId) {
      setFailure('请指定一位帮扶责任人');
      return;
    }
    setSending(true);
    const res = await call('visits', 'createPlan', {
      requestId: draft.requestId,
      householdId: household._id,
      ownerId: draft.ownerId,
      frequencyDays: draft.frequencyDays,
      items: defaults.items.filter((i) => draft.itemIds.includes(i.id)),
    });
    setSending(false);
    if (!res.ok) {
      setFailure(res.error.message);
      return;
    }
    clear();
    invalidate(['plans'], ['household', household._id], ['visits'], ['person']);
    void Taro.redirectTo({ url: withQuery(ROUTES.plan, { id: res.data._id }) });
  }

  return (
    <>
      <Card title='按规则建议'>
        <Field label='风险等级'>{RISK_TIERS[defaults.tier]}</Field>
        <Field label='走访频次'>{`${frequencyLabel(defaults.frequencyDays)}（${defaults.frequencyReason}）`}</Field>
      </Card>
      <Card>
        <FormItem label='帮扶责任人（一对一）' required>
          <Chips label='帮扶责任人' noAll options={ownerOptions(owners)} value={draft.ownerId || null} onChange={(v) => update({ ownerId: v ?? '' })} />
        </FormItem>
        <FormItem label='走访频次' hint='可以比规则更频繁，不能更少'>
          <Chips label='走访频次' noAll options={frequencyOptions(defaults.frequencyDays)} value={String(draft.frequencyDays)} onChange={(v) => update({ frequencyDays: Number(v ?? defaults.frequencyDays) })} />
        </FormItem>
        <FormItem label='每次检查的事项'>
          {defaults.items.map((item) => (
            <CheckRow key={item.id} checked={draft.itemIds.includes(item.id)} onChange={(on) => update({ itemIds: on ? [...draft.itemIds, item.id] : draft.itemIds.filter((id) => id !== item.id) })}>
              {item.label}
            </CheckRow>
          ))}
        </FormItem>
      </Card>
      <FormFoot error={failure}>
        <Button block disabled={sending} onClick={() => void submit()}>
          {sending ? '正在保存…' : '建立帮扶计划'}
        </Button>
      </FormFoot>
    </>
  );
}

function ExistingPlan(props: { planId: string }) {
  const found = useResult(() => call('visits', 'plan', { planId: props.planId }), [props.planId], { keys: [['plans', props.planId]] });
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  if (found.status === 'loading') return <Loading />;
  if (found.status === 'error') return <ErrorState error={found.error} onRetry={found.reload} />;
  const { plan, household, owners, defaults } = found.data;
  const active = plan.state === 'active';

  async function change(input: { ownerId?: string; frequencyDays?: number }): Promise<void> {
    setBusy(true);
    const res = await call('visits', 'updatePlan', { planId: plan._id, version: plan.version, ...input });
    setBusy(false);
    setError(res.ok ? null : res.error);
    // The plan here and below, the household's visit page, and the members' schedules (a plan's frequency).
    invalidate(['plans'], ['household', household._id], ['visits'], ['person']);
  }

  async function close(): Promise<void> {
    const sure = await Taro.showModal({ title: '结束帮扶计划', content: `确定结束${household.headName}户的跟踪帮扶？` });
    if (!sure.confirm) return;
    setBusy(true);
    const res = await call('visits', 'closePlan', { planId: plan._id, version: plan.version });
    setBusy(false);
    setError(res.ok ? null : res.error);
    // The plan here and below, the household's visit page, and the members' schedules (a plan's frequency).
    invalidate(['plans'], ['household', household._id], ['visits'], ['person']);
  }

  return (
    <>
      <Card title={`${household.headName}户`}>
        <Text className='ui-row__meta'>{household.address}</Text>
        <Field label='状态'>{active ? '进行中' : '已结束'}</Field>
        <Field label='风险等级'>{RISK_TIERS[plan.tier]}</Field>
        <Field label='责任人'>{plan.ownerName}</Field>
        <Field label='走访频次'>{frequencyLabel(plan.frequencyDays)}</Field>
        <Field label='检查事项'>{plan.items.map((i) => i.label).join('；')}</Field>
      </Card>
      {error ? <Notice tone='danger'>{error.code === 'RECORD.CONFLICT' ? '计划刚被其他人修改过，已显示最新内容，请再确认一次' : error.message}</Notice> : null}
      {active ? (
        <Card title='调整'>
          <FormItem label='更换责任人'>
            <Chips label='责任人' noAll options={ownerOptions(owners)} value={plan.ownerId} onChange={(v) => v && v !== plan.ownerId && !busy && void change({ ownerId: v })} />
          </FormItem>
          <FormItem label='走访频次' hint={`规则要求至少${frequencyLabel(defaults.frequencyDays)}一次`}>
            <Chips label='走访频次' noAll options={frequencyOptions(defaults.frequencyDays)} value={String(plan.frequencyDays)} onChange={(v) => v && Number(v) !== plan.frequencyDays && !busy && void change({ frequencyDays: Number(v) })} />
          </FormItem>
          <Button block onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.visit, { householdId: household._id, planId: plan._id }) })}>
            按计划走访
          </Button>
          <Button kind='danger' block disabled={busy} onClick={() => void close()}>
            结束计划
          </Button>
        </Card>
      ) : null}
    </>
  );
}

function NewPlanLoader(props: { householdId: string }) {
  const found = useResult(() => call('visits', 'planDraft', { householdId: props.householdId }), [props.householdId], { keys: [['plans']] });
  if (found.status === 'loading') return <Loading />;
  if (found.status === 'error') return <ErrorState error={found.error} onRetry={found.reload} />;
  if (found.data.activePlanId) return <ExistingPlan planId={found.data.activePlanId} />;
  return <NewPlan draft={found.data} />;
}

export default function PlanPage() {
  const planId = useQueryParam('id');
  const householdId = useQueryParam('householdId');
  return (
    <PageFrame title='跟踪帮扶计划'>
      {planId ? <ExistingPlan planId={planId} /> : householdId ? <NewPlanLoader householdId={householdId} /> : <ErrorState error={appError('RECORD.NOT_FOUND')} />}
    </PageFrame>
  );
}
