// 民主评议 (issue 13): where the town holds a village meeting on disputed cases or terminations, the village cadre
// records it — date, attendees, the opinion on each case of the village discussed, the minutes photo — and the record
// shows on those cases. Since the 2021 rules such a meeting is no longer required (RULES §6): this records one when held.
import { useState } from 'react';
import { View } from '@tarojs/components';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import type { UploadedFile } from '@/client/upload';
import { APPRAISAL_MINUTES_MAX, APPRAISAL_VERDICT_LABELS, APPRAISAL_VERDICTS, appraisalInputSchema, type AppraisalVerdict } from '@/core/appraisal';
import { beijingDate } from '@/core/calendar';
import { CASE_KIND_LABELS, CASE_STATE_LABELS } from '@/core/cases';
import { AppraisalCard } from '@/components/appraisal-view';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { DateInput } from '@/components/date-input';
import { CheckRow, FormFoot, FormItem, Notice, TextInput } from '@/components/form';
import { PhotoPicker } from '@/components/photo-picker';
import { SignedInPage } from '@/components/signed-in';
import { Empty, ErrorState, Loading } from '@/components/states';
import { useDraft } from '@/hooks/use-draft';
import { useResult } from '@/hooks/use-result';
import type { Me } from '@/hooks/use-session';

const VERDICTS = APPRAISAL_VERDICTS.map((value) => ({ value, label: APPRAISAL_VERDICT_LABELS[value] }));

interface Picked {
  caseId: string;
  verdict: AppraisalVerdict | null;
  opinion: string;
}

interface AppraisalDraft {
  heldOn: string;
  attendees: string;
  picked: Picked[];
  minutes: UploadedFile[];
}

function RecordForm() {
  const { draft, update, clear } = useDraft<AppraisalDraft>('appraisal', () => ({ heldOn: '', attendees: '', picked: [], minutes: [] }));
  const cases = useResult(() => call('cases', 'worklist', { limit: 50 }), []);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [sending, setSending] = useState(false);

  const setPick = (caseId: string, patch: Partial<Picked> | null) => {
    const rest = draft.picked.filter((p) => p.caseId !== caseId);
    const current = draft.picked.find((p) => p.caseId === caseId) ?? { caseId, verdict: null, opinion: '' };
    update({ picked: patch === null ? rest : [...rest, { ...current, ...patch }] });
  };

  async function submit(): Promise<void> {
    if (sending) return;
    if (draft.picked.some((p) => !p.verdict)) return setFailure('请为每件选中的办件选择评议意见');
    const parsed = appraisalInputSchema.safeParse({
      requestId: draft.requestId,
      heldOn: draft.heldOn || beijingDate(Date.now()),
      attendees: Number(draft.attendees) || 0,
      items: draft.picked.map((p) => ({ caseId: p.caseId, verdict: p.verdict, opinion: p.opinion })),
      minutesFileIds: draft.minutes.map((m) => m.fileID),
    });
    if (!parsed.success) return setFailure(parsed.error.issues[0]?.message ?? '填写的内容有误');
    setFailure(null);
    setSending(true);
    const res = await call('cases', 'recordAppraisal', parsed.data);
    setSending(false);
    if (!res.ok) return setFailure(res.error.message);
    clear();
    setDone(true);
    invalidate(['appraisals']);
  }

  return (
    <Card title='登记评议'>
      {done ? <Notice>已登记，评议结果已显示在相关办件上</Notice> : null}
      <FormItem label='评议日期'>
        <DateInput label='评议日期' value={draft.heldOn} placeholder='今天' onChange={(heldOn) => update({ heldOn })} />
      </FormItem>
      <FormItem label='参会人数' required>
        <TextInput label='参会人数' type='number' value={draft.attendees} onChange={(attendees) => update({ attendees })} />
      </FormItem>
      <FormItem label='评议的办件' required hint='本村的办件，逐件选择评议意见'>
        {cases.status === 'loading' ? <Loading /> : null}
        {cases.status === 'error' ? <ErrorState error={cases.error} onRetry={cases.reload} /> : null}
        {cases.status === 'ok' && cases.data.items.length === 0 ? <Empty text='本村暂无办件' /> : null}
        {cases.status === 'ok'
          ? cases.data.items.map((c) => {
              const pick = draft.picked.find((p) => p.caseId === c._id);
              return (
                <View key={c._id} data-case={c._id}>
                  <CheckRow checked={!!pick} onChange={(on) => setPick(c._id, on ? {} : null)}>
                    {`${c.applicantName} · ${CASE_KIND_LABELS[c.kind]}${c.kind === 'unclassified' ? '' : `（${CASE_STATE_LABELS[c.state]}）`}`}
                  </CheckRow>
                  {pick ? (
                    <>
                      <Chips label={`${c.applicantName}的评议意见`} noAll options={VERDICTS} value={pick.verdict} onChange={(v) => setPick(c._id, { verdict: v as AppraisalVerdict | null })} />
                      <TextInput label={`${c.applicantName}的评议说明`} value={pick.opinion} placeholder='评议说明（可不填）' onChange={(opinion) => setPick(c._id, { opinion })} />
                    </>
                  ) : null}
                </View>
              );
            })
          : null}
      </FormItem>
      <FormItem label='会议记录照片' required>
        <PhotoPicker label='会议记录照片' purpose='review' max={APPRAISAL_MINUTES_MAX} value={draft.minutes} onChange={(minutes) => update({ minutes })} />
      </FormItem>
      <FormFoot error={failure}>
        <Button block disabled={sending} onClick={() => void submit()}>
          {sending ? '正在提交…' : '登记民主评议'}
        </Button>
      </FormFoot>
    </Card>
  );
}

function Review(props: { me: Me }) {
  const list = useResult(() => call('cases', 'appraisals', {}), [], { keys: [['appraisals']] });
  return (
    <>
      <Notice>2021年起民主评议不再是必经程序；镇里对有争议的申请或终止组织村民评议时，在这里登记。</Notice>
      {props.me.role === 'cadre' ? <RecordForm /> : null}
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'ok' && list.data.items.length === 0 ? <Empty text='还没有评议记录' /> : null}
      {list.status === 'ok' ? list.data.items.map((a) => <AppraisalCard key={a._id} appraisal={a} />) : null}
    </>
  );
}

export default function ReviewPage() {
  return <SignedInPage title='民主评议' subtitle='记录村民代表评议的结果'>{(me) => <Review me={me} />}</SignedInPage>;
}
