// 关联本人信息 (issue 9): a resident links their WeChat to their roster person — name, ID number and phone must all
// match, then their gridworker confirms — or shows a short-lived link code to the gridworker at a visit. Until
// linked they can still ask for help by choosing their grid.
import { useState } from 'react';
import { Text } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { beijingDate } from '@/core/calendar';
import { idNumberUpgradeHint } from '@/core/id-number';
import { linkClaimSchema } from '@/core/onboarding';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Barcode } from '@/components/barcode';
import { CodeDisplay } from '@/components/code-display';
import { fieldErrors, FormFoot, FormItem, Notice, TextInput } from '@/components/form';
import { formatTime } from '@/components/format-time';
import { PhonePrefill } from '@/components/phone-prefill';
import { SignedInPage } from '@/components/signed-in';
import { ErrorState, Loading } from '@/components/states';
import { useResult } from '@/hooks/use-result';

type Request = NonNullable<ActionOutput<'session', 'myLink'>['request']>;

function ClaimForm(props: { onSent: (request: Request) => void }) {
  const [form, setForm] = useState({ name: '', idNumber: '', phone: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(): Promise<void> {
    const parsed = linkClaimSchema.safeParse(form);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    const res = await call('session', 'requestLink', form);
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    props.onSent(res.data);
  }
  return (
    <Card title='填写本人信息'>
      <FormItem label='姓名' required error={errors.name}>
        <TextInput label='姓名' value={form.name} onChange={(name) => setForm({ ...form, name })} />
      </FormItem>
      <FormItem label='身份证号' required error={errors.idNumber} hint={idNumberUpgradeHint(form.idNumber, beijingDate(Date.now()))}>
        <TextInput label='身份证号' type='idcard' value={form.idNumber} onChange={(idNumber) => setForm({ ...form, idNumber })} />
      </FormItem>
      <FormItem label='手机号' required hint='登记时留的手机号' error={errors.phone}>
        <TextInput label='手机号' type='number' value={form.phone} onChange={(phone) => setForm({ ...form, phone })} />
        <PhonePrefill onPhone={(phone) => setForm({ ...form, phone })} onError={setError} />
      </FormItem>
      <FormFoot error={error}>
        <Button block disabled={busy} onClick={() => void send()}>
          {busy ? '正在提交…' : '提交，请网格员确认'}
        </Button>
      </FormFoot>
    </Card>
  );
}

/** The code the gridworker enters on the person's page at a visit; it lasts minutes and is used once. */
function LinkCode() {
  const [shown, setShown] = useState<{ code: string; expiresAt: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function show(): Promise<void> {
    const res = await call('session', 'linkCode', {});
    if (!res.ok) return setError(res.error.message);
    setError(null);
    setShown(res.data);
  }
  return (
    <Card title='网格员上门时当面关联'>
      <Text className='ui-form-item__hint'>把关联码给上门的网格员看，由网格员在你的登记信息页输入或扫码。</Text>
      {shown ? (
        <>
          <CodeDisplay label='关联码' code={shown.code} />
          <Barcode label='关联码条形码' text={shown.code} />
          <Text className='ui-form-item__hint'>{formatTime(shown.expiresAt)}前有效，用一次即失效。</Text>
        </>
      ) : null}
      <FormFoot error={error}>
        <Button kind='secondary' block onClick={() => void show()}>
          {shown ? '换一个关联码' : '显示关联码'}
        </Button>
      </FormFoot>
    </Card>
  );
}

function Link() {
  const link = useResult(() => call('session', 'myLink', {}), []);
  const [sent, setSent] = useState<Request | null>(null);
  if (link.status === 'loading') return <Loading />;
  if (link.status === 'error') return <ErrorState error={link.error} onRetry={link.reload} />;
  if (link.data.linked) {
    return <Notice tone='ok'>已关联到{link.data.personName}的登记信息。网格员为你代办的申请会出现在「我的办件」里等你确认。</Notice>;
  }
  const request = sent ?? link.data.request;
  return (
    <>
      {request ? (
        <Card title='关联申请'>
          <Notice tone={request.state === 'refused' ? 'warn' : 'ok'}>
            {request.stateLabel}
            {request.gridName ? `（${request.gridName}）` : ''}
            {request.state === 'refused' ? '。可以核对后重新提交，或请网格员上门时当面关联。' : ''}
          </Notice>
        </Card>
      ) : null}
      {request?.state !== 'pending' ? <ClaimForm onSent={setSent} /> : null}
      <LinkCode />
      <Text className='ui-section-title'>还没关联也可以先求助：在「我要求助」里选择所在的网格。</Text>
    </>
  );
}

export default function ResidentLinkPage() {
  return (
    <SignedInPage title='关联本人信息' subtitle='姓名、身份证号和手机号都与登记信息一致，网格员确认后即关联'>
      {() => <Link />}
    </SignedInPage>
  );
}
