// One referral for the town office (RULES §20, issue 13): the record and its steps (components/referral-view.tsx), and
// the office's entries from the receiving office's answers — received (司法救助's 10 working days start then), the
// decision with the amount or service given, closed — each at the version shown. The grid's staff and the resident
// read it on their own pages.
import { useState } from 'react';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { beijingDate } from '@/core/calendar';
import { REFERRAL_OUTCOME_LABELS, REFERRAL_OUTCOMES, REFERRAL_STEP_LABELS, type ReferralOutcome, type ReferralStepInput } from '@/core/referrals/referral';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { DateInput } from '@/components/date-input';
import { FormFoot, FormItem, TextArea, TextInput } from '@/components/form';
import { StaffReferralPage, type StaffReferral } from '@/components/referral-view';

type StepName = ReferralStepInput['step'];
const OUTCOMES = REFERRAL_OUTCOMES.map((value) => ({ value, label: REFERRAL_OUTCOME_LABELS[value] }));

function stepsFor(r: StaffReferral): StepName[] {
  if (r.state === 'sent') return ['receive', 'decide'];
  if (r.state === 'received') return ['decide'];
  return r.state === 'decided' ? ['close'] : [];
}

function StepForm(props: { referral: StaffReferral; step: StepName; onDone: () => void }) {
  const { referral: r, step } = props;
  const [on, setOn] = useState('');
  const [outcome, setOutcome] = useState<ReferralOutcome | null>(null);
  const [amount, setAmount] = useState('');
  const [service, setService] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function build(): ReferralStepInput | string {
    const day = on || beijingDate(Date.now());
    if (step === 'receive') return { step, receivedOn: day, ...(note.trim() ? { note } : {}) };
    if (step === 'close') return { step, ...(note.trim() ? { note } : {}) };
    if (!outcome) return '请选择办理结果';
    const yuan = amount.trim() ? Number(amount) : undefined;
    if (yuan !== undefined && !(yuan > 0)) return '救助金额应为正数';
    return { step, decidedOn: day, outcome, note, ...(yuan !== undefined ? { amountYuan: yuan } : {}), ...(service.trim() ? { service } : {}) };
  }

  async function submit(): Promise<void> {
    if (busy) return;
    const input = build();
    if (typeof input === 'string') return setError(input);
    setBusy(true);
    const res = await call('referrals', 'step', { referralId: r._id, version: r.version, step: input });
    setBusy(false);
    if (!res.ok) {
      setError(res.error.code === 'RECORD.CONFLICT' ? '这件转介刚被其他人处理过，已显示最新状态，请再确认一次' : res.error.message);
      if (res.error.code === 'RECORD.CONFLICT') invalidate(['referrals', r._id]);
      return;
    }
    // An answer closes the case it was referred from: its page and the worklists show that at once.
    invalidate(['referrals'], ...(r.caseId ? [['case', r.caseId], ['cases']] : []));
    props.onDone();
  }

  return (
    <Card title={REFERRAL_STEP_LABELS[step]}>
      {step !== 'close' ? (
        <FormItem label={step === 'receive' ? '对方受理日期' : '对方答复日期'} hint={r.kind === 'judicial' && step === 'receive' ? '司法救助自办案机关受理起10个工作日内作出决定' : undefined}>
          <DateInput label={step === 'receive' ? '对方受理日期' : '对方答复日期'} value={on} placeholder='今天' onChange={setOn} />
        </FormItem>
      ) : null}
      {step === 'decide' ? (
        <>
          <FormItem label='办理结果' required>
            <Chips label='办理结果' noAll options={OUTCOMES} value={outcome} onChange={(v) => setOutcome(v as ReferralOutcome | null)} />
          </FormItem>
          {outcome && outcome !== 'refused' ? (
            <>
              <FormItem label='救助金额（元）' hint='金额和服务至少填一项'>
                <TextInput label='救助金额（元）' type='digit' value={amount} onChange={setAmount} />
              </FormItem>
              <FormItem label='提供的服务'>
                <TextInput label='提供的服务' value={service} onChange={setService} placeholder='例如：危房改造、就业岗位、学费减免' />
              </FormItem>
            </>
          ) : null}
        </>
      ) : null}
      <FormItem label={step === 'decide' ? (outcome === 'refused' ? '不予救助的理由' : '对方答复') : '备注（可不填）'} required={step === 'decide'}>
        <TextArea label={step === 'decide' ? '对方答复' : '备注'} value={note} max={300} onChange={setNote} />
      </FormItem>
      <FormFoot error={error}>
        <Button block disabled={busy} onClick={() => void submit()}>
          {busy ? '正在提交…' : `提交：${REFERRAL_STEP_LABELS[step]}`}
        </Button>
      </FormFoot>
    </Card>
  );
}

function OfficerSteps(props: { referral: StaffReferral }) {
  const [open, setOpen] = useState<StepName | null>(null);
  const steps = stepsFor(props.referral);
  if (steps.length === 0) return null;
  return (
    <>
      <Card title={props.referral.state === 'decided' ? '后续办理' : '登记对方答复'}>
        {steps.map((step) => (
          <Button key={step} kind={open === step ? 'primary' : 'secondary'} block onClick={() => setOpen(open === step ? null : step)}>
            {REFERRAL_STEP_LABELS[step]}
          </Button>
        ))}
      </Card>
      {open ? <StepForm key={`${open}:${props.referral.version}`} referral={props.referral} step={open} onDone={() => setOpen(null)} /> : null}
    </>
  );
}

export default function ReferralPage() {
  return <StaffReferralPage actions={(r) => <OfficerSteps key={r.version} referral={r} />} />;
}
