// 监测信息: what the town office records about a household for low-income dynamic monitoring — income, 低保
// approval and re-check, 刚性支出 recognition, 渐退期 (RULES §9, §22, §23). Saving raises the warnings these facts
// call for at once; the daily sweep keeps checking them as time passes (issue 4).
import { useState } from 'react';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { beijingDate, startOfBeijingDayMs } from '@/core/calendar';
import { err } from '@/core/errors';
import type { HouseholdMonitoring } from '@/core/monitoring/facts';
import { TAPER_MAX_MONTHS } from '@/core/monitoring/warnings';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { DateInput } from '@/components/date-input';
import { CheckRow, FormFoot, FormItem, Notice, TextInput } from '@/components/form';
import { PageFrame } from '@/components/page-frame';
import { ErrorState, Loading } from '@/components/states';
import { useResult } from '@/hooks/use-result';
import { useQueryParam } from '@/hooks/use-query-param';

type Loaded = ActionOutput<'people', 'monitoring'>;

const dateOf = (ms: number | null | undefined) => (ms ? beijingDate(ms) : '');

interface Form {
  income: string;
  incomeDate: string;
  dibaoApproved: string;
  dibaoReviewed: string;
  irregularIncome: boolean;
  ableBodiedMember: boolean;
  rigidRecognised: string;
  taperStart: string;
  taperEnd: string;
}

function formOf(m: HouseholdMonitoring): Form {
  return {
    income: m.income ? String(m.income.perCapitaMonthly) : '',
    incomeDate: dateOf(m.income?.recordedAt),
    dibaoApproved: dateOf(m.dibao?.approvedAt),
    dibaoReviewed: dateOf(m.dibao?.lastReviewAt),
    irregularIncome: m.dibao?.irregularIncome ?? false,
    ableBodiedMember: m.dibao?.ableBodiedMember ?? false,
    rigidRecognised: dateOf(m.rigidSpending?.recognisedAt),
    taperStart: dateOf(m.taper?.startedAt),
    taperEnd: dateOf(m.taper?.endsAt),
  };
}

/** The stored block from the form; blocks the form does not edit (特困, deaths, major changes) are kept. */
function monitoringOf(form: Form, before: HouseholdMonitoring): HouseholdMonitoring | string {
  // Dates come from the date picker, so they are well formed; a day is stored as its Beijing noon.
  const day = (date: string): number | null => (date ? startOfBeijingDayMs(date) + 12 * 3_600_000 : null);
  const out: HouseholdMonitoring = { ...before };
  const income = form.income.trim();
  if (income) {
    const n = Number(income);
    if (!Number.isFinite(n) || n < 0) return '人均月收入应为数字';
    const at = day(form.incomeDate || beijingDate(Date.now()));
    out.income = { perCapitaMonthly: n, recordedAt: at ?? Date.now() };
  } else out.income = null;
  const approved = day(form.dibaoApproved);
  const reviewed = day(form.dibaoReviewed);
  out.dibao = approved ? { approvedAt: approved, lastReviewAt: reviewed, irregularIncome: form.irregularIncome, ableBodiedMember: form.ableBodiedMember } : null;
  const rigid = day(form.rigidRecognised);
  out.rigidSpending = rigid ? { recognisedAt: rigid } : null;
  const start = day(form.taperStart);
  const end = day(form.taperEnd);
  out.taper = start ? { startedAt: start, endsAt: end } : null;
  return out;
}

function MonitoringForm(props: { loaded: Loaded }) {
  const { loaded } = props;
  const [version, setVersion] = useState(loaded.version);
  const [form, setForm] = useState<Form>(() => formOf(loaded.monitoring));
  const [message, setMessage] = useState<{ tone: 'ok' | 'danger'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  async function save(): Promise<void> {
    const monitoring = monitoringOf(form, loaded.monitoring);
    if (typeof monitoring === 'string') {
      setMessage({ tone: 'danger', text: monitoring });
      return;
    }
    setBusy(true);
    const res = await call('people', 'updateMonitoring', { householdId: loaded.householdId, version, monitoring });
    setBusy(false);
    if (!res.ok) {
      setMessage({ tone: 'danger', text: res.error.code === 'RECORD.CONFLICT' ? '这一户刚被其他人修改过，请返回后重新打开再改' : res.error.message });
      return;
    }
    setVersion(res.data.version);
    invalidate(['household', loaded.householdId], ['warnings']);
    setMessage({ tone: 'ok', text: res.data.warnings.length ? `已保存，新增预警：${res.data.warnings.map((w) => w.message).join('；')}` : '已保存' });
  }

  return (
    <>
      <Card title='收入（RULES §22）'>
        <FormItem label='家庭人均月收入（元）'>
          <TextInput label='家庭人均月收入' type='digit' value={form.income} onChange={(income) => set({ income })} />
        </FormItem>
        <FormItem label='登记日期'>
          <DateInput label='收入登记日期' value={form.incomeDate} onChange={(incomeDate) => set({ incomeDate })} placeholder='不选为今天' />
        </FormItem>
      </Card>
      <Card title='低保（RULES §9）'>
        <FormItem label='批准日期'>
          <DateInput label='低保批准日期' value={form.dibaoApproved} onChange={(dibaoApproved) => set({ dibaoApproved })} />
        </FormItem>
        <FormItem label='上次复核日期'>
          <DateInput label='上次复核日期' value={form.dibaoReviewed} onChange={(dibaoReviewed) => set({ dibaoReviewed })} />
        </FormItem>
        <CheckRow checked={form.irregularIncome} onChange={(irregularIncome) => set({ irregularIncome })}>
          收入不固定
        </CheckRow>
        <CheckRow checked={form.ableBodiedMember} onChange={(ableBodiedMember) => set({ ableBodiedMember })}>
          有劳动能力的成员
        </CheckRow>
      </Card>
      <Card title='刚性支出困难与渐退（RULES §9、§23）'>
        <FormItem label='刚性支出困难认定日期'>
          <DateInput label='刚性支出认定日期' value={form.rigidRecognised} onChange={(rigidRecognised) => set({ rigidRecognised })} />
        </FormItem>
        <FormItem label='渐退期开始'>
          <DateInput label='渐退开始日期' value={form.taperStart} onChange={(taperStart) => set({ taperStart })} />
        </FormItem>
        <FormItem label='渐退期结束' hint={`最长${TAPER_MAX_MONTHS}个月`}>
          <DateInput label='渐退结束日期' value={form.taperEnd} onChange={(taperEnd) => set({ taperEnd })} />
        </FormItem>
      </Card>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <FormFoot>
        <Button block disabled={busy} onClick={() => void save()}>
          {busy ? '正在保存…' : '保存'}
        </Button>
      </FormFoot>
    </>
  );
}

export default function MonitoringPage() {
  const householdId = useQueryParam('householdId');
  const found = useResult(() => (householdId ? call('people', 'monitoring', { householdId }) : Promise.resolve(err('RECORD.NOT_FOUND'))), [householdId], { keys: [['household', householdId]] });
  if (found.status !== 'ok') return <PageFrame title='监测信息'>{found.status === 'loading' ? <Loading /> : <ErrorState error={found.error} onRetry={found.reload} />}</PageFrame>;
  return (
    <PageFrame title={`${found.data.headName}户 · 监测信息`} subtitle={found.data.address}>
      <MonitoringForm loaded={found.data} />
    </PageFrame>
  );
}
