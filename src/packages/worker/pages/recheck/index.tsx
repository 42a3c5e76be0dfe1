// 复核记录 (issue 12): one flagged person's home re-check — the finding, then the outcome with evidence photos: no
// change, changed (the household's income and covered persons; the new 低保 amount follows RULES §33), exit (a 渐退
// period of up to 6 months for 低保, RULES §9; the town office then starts the termination) or an objection.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import type { UploadedFile } from '@/client/upload';
import { beijingDate } from '@/core/calendar';
import { RECHECK_OUTCOME_LABELS, RECHECK_OUTCOMES, RECHECK_PHOTOS_MAX, type RecheckOutcome, type RecheckOutcomeInput } from '@/core/verification';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { FormFoot, FormItem, Notice, TextArea, TextInput } from '@/components/form';
import { Field } from '@/components/list-row';
import { PhotoPicker } from '@/components/photo-picker';
import { SignedInPage } from '@/components/signed-in';
import { Empty, ErrorState, Loading } from '@/components/states';
import { useQueryParam } from '@/hooks/use-query-param';
import { useResult } from '@/hooks/use-result';

const GRADUAL_OPTIONS = [0, 1, 2, 3, 4, 5, 6].map((n) => ({ value: String(n), label: n ? `${n}个月` : '不设' }));

function Recheck(props: { subjectId: string }) {
  const task = useResult(() => call('verify', 'task', { subjectId: props.subjectId }), [props.subjectId], { keys: [['verify', props.subjectId]] });
  const [outcome, setOutcome] = useState<RecheckOutcome | null>(null);
  const [note, setNote] = useState('');
  const [income, setIncome] = useState('');
  const [covered, setCovered] = useState('');
  const [gradual, setGradual] = useState('0');
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (task.status === 'loading') return <Loading />;
  if (task.status === 'error') return <ErrorState error={task.error} onRetry={task.reload} />;
  const t = task.data;

  function result(): RecheckOutcomeInput | null {
    switch (outcome) {
      case 'changed':
        return { outcome, note, perCapitaIncomeYuan: Number(income), coveredPersons: Number(covered) };
      case 'exit':
        return { outcome, note, gradualExitMonths: Number(gradual) };
      case 'noChange':
      case 'objection':
        return { outcome, note };
      default:
        return null;
    }
  }

  async function submit(): Promise<void> {
    const r = result();
    if (!r) return setError('请选择复核结果');
    if (!note.trim()) return setError('请填写复核情况');
    if (photos.length === 0) return setError('请上传入户复核的照片');
    setBusy(true);
    setError(null);
    const res = await call('verify', 'recordOutcome', { subjectId: t.subjectId, version: t.version, result: r, photoFileIds: photos.map((p) => p.fileID) });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    invalidate(['verify']);
    void Taro.showToast({ title: '已记录', icon: 'success' });
    task.replace(res.data);
  }

  return (
    <>
      <Card title={t.name}>
        <Field label='身份证号'>{t.idNumber}</Field>
        <Field label='类别'>{t.categories.join('、')}</Field>
        <Field label='比对疑点'>{`${t.finding ?? ''}${t.detail ? `：${t.detail}` : ''}`}</Field>
        {t.dueAt ? <Field label='复核期限'>{`${beijingDate(t.dueAt)}前${t.overdue ? '（已逾期）' : ''}`}</Field> : null}
      </Card>
      {t.outcome ? (
        <Card title='复核结果'>
          <Field label='结果'>{t.outcome.label}</Field>
          <Field label='情况'>{t.outcome.note}</Field>
          {t.outcome.newAmountYuan !== undefined ? <Field label='调整后金额'>{`${t.outcome.newAmountYuan}元/月`}</Field> : null}
          {t.outcome.gradualExitMonths ? <Field label='渐退期'>{`${t.outcome.gradualExitMonths}个月`}</Field> : null}
        </Card>
      ) : (
        <Card title='记录复核结果'>
          <FormItem label='复核结果' required>
            <Chips label='复核结果' noAll options={RECHECK_OUTCOMES.filter((o) => o !== 'changed' || t.dibao).map((o) => ({ value: o, label: RECHECK_OUTCOME_LABELS[o] }))} value={outcome} onChange={(v) => setOutcome(v as RecheckOutcome | null)} />
          </FormItem>
          {outcome === 'changed' ? (
            <>
              <FormItem label='家庭人均月收入（元）' required>
                <TextInput label='家庭人均月收入（元）' type='digit' value={income} onChange={setIncome} />
              </FormItem>
              <FormItem label='保障人口（人）' required>
                <TextInput label='保障人口（人）' type='number' value={covered} onChange={setCovered} />
              </FormItem>
            </>
          ) : null}
          {outcome === 'exit' && t.dibao ? (
            <FormItem label='渐退期' hint='因就业收入超过标准退出的低保家庭，可给不超过6个月的渐退期'>
              <Chips label='渐退期' noAll options={GRADUAL_OPTIONS} value={gradual} onChange={(v) => setGradual(v ?? '0')} />
            </FormItem>
          ) : null}
          <FormItem label='复核情况' required>
            <TextArea label='复核情况' value={note} onChange={setNote} max={300} />
          </FormItem>
          <FormItem label='入户照片' required>
            <PhotoPicker label='入户照片' purpose='recheck' max={RECHECK_PHOTOS_MAX} value={photos} onChange={setPhotos} />
          </FormItem>
          {outcome === 'exit' ? <Notice tone='warn'>提交后由镇民政办启动终止程序（告知7天）。</Notice> : null}
          <FormFoot error={error}>
            <Button block disabled={busy} onClick={() => void submit()}>
              {busy ? '正在提交…' : '提交复核结果'}
            </Button>
          </FormFoot>
        </Card>
      )}
    </>
  );
}

export default function RecheckPage() {
  const subjectId = useQueryParam('id');
  return <SignedInPage title='复核记录' subtitle='上门核实比对疑点，拍照留证'>{() => (subjectId ? <Recheck subjectId={subjectId} /> : <Empty text='没有指定复核对象' />)}</SignedInPage>;
}
