// 申请救助: a resident applies for 低保 / 特困 / 临时救助 themselves — the kind, the materials checklist of that kind
// with photos per item, and the consents it needs, each agreed separately: the truth pledge, the data-check
// authorisation (核对授权) and the sensitive-information consent (RULES §3, §28). Prefilled from the self-check.
import { useRouter } from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { CASE_STATUS_KEYS } from '@/client/subscribe';
import {
  APPLICATION_KINDS,
  CONSENT_LABELS,
  CONSENT_STATEMENTS,
  consentsRequiredFor,
  directApplicationInputSchema,
  type ApplicationKind,
  type ConsentKey,
} from '@/core/cases';
import { FactChecks, KindChoice, MaterialsCard, materialsInput, type ApplicantFacts, type MaterialPhotos } from '@/components/application-fields';
import { takePrefill } from '@/components/apply-prefill';
import { Card } from '@/components/card';
import { CheckRow, FormItem, Notice, TextArea, TextInput } from '@/components/form';
import { SubmitBar, useNewCase } from '@/components/new-case';
import { useDraft } from '@/hooks/use-draft';
import { useOnMount } from '@/hooks/use-on-mount';
import { useSubscriptionOffer } from '@/hooks/use-subscription-offer';
import type { Me } from '@/hooks/use-session';
import { SignedInPage } from '@/components/signed-in';

interface ApplyDraft {
  kind: ApplicationKind | null;
  /** Someone not on the roster says how many they are. */
  householdSize: string;
  /** A rostered resident says the roster's household size is out of date (issue 15): the new size and why. */
  householdChanged?: boolean;
  newHouseholdSize?: string;
  householdChangeWhy?: string;
  facts: ApplicantFacts;
  materials: MaterialPhotos;
  consents: ConsentKey[];
}

const emptyDraft = (): ApplyDraft => ({
  kind: null,
  householdSize: '',
  facts: { disabled: false, seriousIllness: false, hasLegalSupporters: false },
  materials: {},
  consents: [],
});

function isKindParam(value: unknown): value is ApplicationKind {
  return typeof value === 'string' && (APPLICATION_KINDS as readonly string[]).includes(value);
}

/**
 * Household size: a rostered resident sees the roster's and may say it changed (the gridworker hears of it, the
 * case keeps the roster's value until they correct it); anyone else types it.
 */
function HouseholdSize(props: { me: Me; draft: ApplyDraft; update: (patch: Partial<ApplyDraft>) => void }) {
  const { me, draft, update } = props;
  if (me.householdSize === null) {
    return (
      <FormItem label='家庭人口（人）'>
        <TextInput label='家庭人口' type='number' value={draft.householdSize} onChange={(householdSize) => update({ householdSize })} />
      </FormItem>
    );
  }
  return (
    <FormItem label='家庭人口' hint='按花名册登记的人数办理'>
      <Text className='ui-plain' data-roster-household-size={me.householdSize}>{`花名册登记：${me.householdSize}人`}</Text>
      <CheckRow checked={Boolean(draft.householdChanged)} onChange={(householdChanged) => update({ householdChanged })}>
        家庭人口有变化
      </CheckRow>
      {draft.householdChanged ? (
        <>
          <TextInput label='现在家庭人口（人）' type='number' value={draft.newHouseholdSize ?? ''} onChange={(newHouseholdSize) => update({ newHouseholdSize })} />
          <TextArea label='有什么变化' value={draft.householdChangeWhy ?? ''} placeholder='例如：孩子结婚，儿媳搬来一起住' onChange={(householdChangeWhy) => update({ householdChangeWhy })} />
          <Notice>提交后会告诉您的网格员，由网格员核实后更新花名册。</Notice>
        </>
      ) : null}
    </FormItem>
  );
}

function ApplyForm(props: { me: Me; kindFromLink: ApplicationKind | null }) {
  const { me } = props;
  const { draft, update, clear } = useDraft<ApplyDraft>('apply', emptyDraft);
  const submission = useNewCase(me.role, clear);
  const offer = useSubscriptionOffer(CASE_STATUS_KEYS);

  // Once, when the form opens: the kind the link named and what the self-check found.
  useOnMount(() => {
    const prefill = takePrefill();
    const patch: Partial<ApplyDraft> = {};
    if (props.kindFromLink) patch.kind = props.kindFromLink;
    if (prefill) {
      if (prefill.householdSize) patch.householdSize = String(prefill.householdSize);
      patch.facts = { ...draft.facts, disabled: Boolean(prefill.disabled), seriousIllness: Boolean(prefill.seriousIllness) };
    }
    if (Object.keys(patch).length > 0) update(patch);
  });

  async function submit(): Promise<void> {
    if (submission.sending) return;
    if (!draft.kind) {
      submission.fail('请选择申请哪一类救助');
      return;
    }
    const rostered = me.householdSize !== null;
    const size = !rostered && draft.householdSize.trim() ? Number(draft.householdSize.trim()) : undefined;
    const householdChange = rostered && draft.householdChanged ? { size: Number(draft.newHouseholdSize?.trim() || NaN), why: draft.householdChangeWhy ?? '' } : undefined;
    const parsed = directApplicationInputSchema.safeParse({
      source: 'direct',
      kind: draft.kind,
      applicant: { name: me.name, ...(size !== undefined ? { householdSize: size } : {}), ...draft.facts },
      ...(householdChange ? { householdChange } : {}),
      materials: materialsInput(draft.kind, draft.facts, draft.materials),
      consents: draft.consents.filter((key) => consentsRequiredFor(draft.kind!).includes(key)),
    });
    if (!parsed.success) {
      submission.fail(parsed.error.issues[0]?.message ?? '填写的内容有误');
      return;
    }
    // Issue 15: once submitted, one plain question about WeChat reminders; its own tap asks WeChat (RULES §30).
    if (await submission.send({ requestId: draft.requestId, case: parsed.data })) offer.askAfterSubmit();
  }

  const consents = draft.kind ? consentsRequiredFor(draft.kind) : [];
  return (
    <>
      <Card>
        <KindChoice value={draft.kind} onChange={(kind) => update({ kind })} />
        <HouseholdSize me={me} draft={draft} update={update} />
        {draft.kind ? <FactChecks kind={draft.kind} who='家庭' value={draft.facts} onChange={(facts) => update({ facts })} /> : null}
      </Card>
      {draft.kind ? <MaterialsCard kind={draft.kind} facts={draft.facts} value={draft.materials} onChange={(materials) => update({ materials })} /> : null}
      {consents.length > 0 ? (
        <Card title='承诺和授权'>
          {consents.map((key) => (
            <FormItem key={key} label={CONSENT_LABELS[key]} required={key === 'sensitiveInfo'}>
              <CheckRow
                checked={draft.consents.includes(key)}
                onChange={(on) => update({ consents: on ? [...draft.consents, key] : draft.consents.filter((k) => k !== key) })}
              >
                {CONSENT_STATEMENTS[key]}
              </CheckRow>
            </FormItem>
          ))}
          <Notice tone='warn'>材料和承诺授权不齐的，镇里会一次性告知需要补齐的全部内容。</Notice>
        </Card>
      ) : null}
      <SubmitBar state={submission} label='提交申请' onSubmit={() => void submit()} />
    </>
  );
}

export default function ApplyPage() {
  const { params } = useRouter();
  const kind = isKindParam(params.kind) ? params.kind : null;
  return (
    <SignedInPage title='申请救助' subtitle='低保、特困供养、临时救助'>
      {(me) => <ApplyForm me={me} kindFromLink={kind} />}
    </SignedInPage>
  );
}
