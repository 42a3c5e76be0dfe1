// 发起转介 (RULES §20, issue 13): staff pass a need the town does not decide — 医疗, 教育, 住房, 就业, 司法 — to the office
// that does, from a case or discovery report (`caseId`), a visit (`visitId` and `personId`) or a roster person
// (`personId`). The office defaults to the kind's; the exact one can be named. The draft is kept until the server has it.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { newReferralInputSchema, REFERRAL_KIND_LABELS, REFERRAL_KINDS, REFERRAL_TARGETS, type NewReferralInput, type ReferralKind } from '@/core/referrals/referral';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { fieldErrors, FormFoot, FormItem, Notice, TextArea, TextInput } from '@/components/form';
import { SignedInPage } from '@/components/signed-in';
import { useDraft } from '@/hooks/use-draft';
import { useQueryParam } from '@/hooks/use-query-param';
import type { Me } from '@/hooks/use-session';
import { REFERRAL_PAGE_OF, ROUTES, withQuery } from '@/routes';

const KINDS = REFERRAL_KINDS.map((value) => ({ value, label: REFERRAL_KIND_LABELS[value] }));

function useSource(): NewReferralInput['from'] | null {
  const caseId = useQueryParam('caseId');
  const visitId = useQueryParam('visitId');
  const personId = useQueryParam('personId');
  if (caseId) return { kind: 'case', caseId };
  if (visitId && personId) return { kind: 'visit', visitId, personId };
  return personId ? { kind: 'person', personId } : null;
}

function ReferralForm(props: { me: Me; from: NewReferralInput['from'] }) {
  const initialKind = useQueryParam('kind');
  const key = props.from.kind === 'case' ? props.from.caseId : props.from.personId;
  const { draft, update, clear } = useDraft(`referral:${key}`, () => ({
    kind: ((REFERRAL_KINDS as readonly string[]).includes(initialKind) ? initialKind : null) as ReferralKind | null,
    office: '',
    reason: '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(): Promise<void> {
    if (sending) return;
    const parsed = newReferralInputSchema.safeParse({
      requestId: draft.requestId,
      kind: draft.kind ?? undefined,
      ...(draft.office.trim() ? { office: draft.office } : {}),
      reason: draft.reason,
      from: props.from,
    });
    if (!parsed.success) {
      const problems = fieldErrors(parsed.error);
      if (!draft.kind) problems.kind = '请选择转介类别';
      setErrors(problems);
      setFailure('还有内容需要补充，请看标红的提示');
      return;
    }
    setErrors({});
    setFailure(null);
    setSending(true);
    const res = await call('referrals', 'create', parsed.data);
    setSending(false);
    if (!res.ok) return setFailure(res.error.message);
    clear();
    invalidate(['referrals']);
    const page = REFERRAL_PAGE_OF[props.me.role] ?? ROUTES.workerReferral;
    void Taro.redirectTo({ url: withQuery(page, { id: res.data._id }) });
  }

  return (
    <Card>
      <FormItem label='转介类别' required error={errors.kind}>
        <Chips label='转介类别' noAll options={KINDS} value={draft.kind} onChange={(v) => update({ kind: v as ReferralKind | null })} />
      </FormItem>
      <FormItem label='接收单位' hint={draft.kind ? `不填即为：${REFERRAL_TARGETS[draft.kind]}` : '可写明具体单位，例如某某中学'} error={errors.office}>
        <TextInput label='接收单位' value={draft.office} onChange={(office) => update({ office })} placeholder={draft.kind ? REFERRAL_TARGETS[draft.kind] : ''} />
      </FormItem>
      <FormItem label='转介原因' required error={errors.reason}>
        <TextArea label='转介原因' value={draft.reason} max={300} onChange={(reason) => update({ reason })} placeholder='需要对方办理什么，家里是什么情况' />
      </FormItem>
      <FormFoot error={failure}>
        <Button block disabled={sending} onClick={() => void submit()}>
          {sending ? '正在提交…' : '提交转介'}
        </Button>
      </FormFoot>
    </Card>
  );
}

function NewReferral(props: { me: Me }) {
  const from = useSource();
  if (!from) return <Notice tone='warn'>请从办件、走访或人员页面发起转介</Notice>;
  return <ReferralForm me={props.me} from={from} />;
}

export default function ReferralNewPage() {
  return <SignedInPage title='发起转介' subtitle='医疗、教育、住房、就业、司法救助由有关部门办理，镇里跟踪结果'>{(me) => <NewReferral me={me} />}</SignedInPage>;
}
