// 登记人员 (底数清, issue 4): capture a person as the head of a new household, or into an existing one. The ID
// number is checked (checksum, birth date); duplicates (same ID number; same name and phone) are refused with a
// link to the record already there. The form is kept on the device until the server has it.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { beijingDate } from '@/core/calendar';
import { idNumberUpgradeHint } from '@/core/id-number';
import { CATEGORIES, CATEGORY_LABELS, RISK_TIER_KEYS, RISK_TIERS, type Category, type RiskTier } from '@/core/categories';
import { canSetKeyHousehold, HEAD_RELATION, PERSON_FLAG_LABELS, personCaptureSchema, ROSTER_NOTES_MAX } from '@/core/roster/person-capture';
import { DUPLICATE_REASON_LABELS, type DuplicateMatch } from '@/core/roster/duplicates';
import { DEFAULT_SETTINGS } from '@/core/settings';
import { tierFrequencyText } from '@/core/visits/schedule';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { CheckRow, fieldErrors, FormFoot, FormItem, Notice, TextArea, TextInput } from '@/components/form';
import { useGridChoices } from '@/components/grid-options';
import { ListRow } from '@/components/list-row';
import { SignedInPage } from '@/components/signed-in';
import { useDraft } from '@/hooks/use-draft';
import type { Me } from '@/hooks/use-session';
import { useQueryParam } from '@/hooks/use-query-param';
import { ROUTES, withQuery } from '@/routes';

interface CaptureDraft {
  name: string;
  idNumber: string;
  phone: string;
  relation: string;
  gridId: string;
  address: string;
  categories: Category[];
  riskTier: RiskTier;
  keyHousehold: boolean;
  floating: boolean;
  disabilityGrade: string;
  notes: string;
}

const TIER_OPTIONS = RISK_TIER_KEYS.map((k) => ({ value: k, label: RISK_TIERS[k] }));
const GRADE_OPTIONS = ['1', '2', '3', '4'].map((g) => ({ value: g, label: `${g}级` }));

function CaptureForm(props: { me: Me; householdId: string; gridId: string }) {
  const { me, householdId } = props;
  const joining = householdId !== '';
  const grids = useGridChoices(me);
  const { draft, update, clear } = useDraft<CaptureDraft>(joining ? `capture:${householdId}` : 'capture', () => ({
    name: '',
    idNumber: '',
    phone: '',
    relation: joining ? '' : HEAD_RELATION,
    gridId: props.gridId || (me.grids.length === 1 ? me.grids[0]!._id : ''),
    address: '',
    categories: [],
    riskTier: 'general',
    keyHousehold: false,
    floating: false,
    disabilityGrade: '',
    notes: '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateMatch[]>([]);
  const [sending, setSending] = useState(false);

  async function submit(): Promise<void> {
    if (sending) return;
    const input = {
      requestId: draft.requestId,
      name: draft.name,
      idNumber: draft.idNumber,
      phone: draft.phone,
      relation: draft.relation || HEAD_RELATION,
      categories: draft.categories,
      riskTier: draft.riskTier,
      keyHousehold: draft.keyHousehold,
      floating: draft.floating,
      ...(draft.disabilityGrade ? { disabilityGrade: Number(draft.disabilityGrade) } : {}),
      ...(joining ? { householdId } : {}),
      gridId: draft.gridId,
      address: draft.address,
      notes: draft.notes,
    };
    const parsed = personCaptureSchema(beijingDate(Date.now())).safeParse(input);
    const problems = parsed.success ? {} : fieldErrors(parsed.error);
    if (!draft.gridId) problems.gridId = '请选择网格';
    setErrors(problems);
    setDuplicates([]);
    if (Object.keys(problems).length > 0) {
      setFailure('还有内容需要改正，请看标红的提示');
      return;
    }
    setFailure(null);
    setSending(true);
    const res = await call('people', 'create', input);
    setSending(false);
    if (!res.ok) {
      if (res.error.code === 'PERSON.DUPLICATE') setDuplicates((res.error.details as { matches?: DuplicateMatch[] } | undefined)?.matches ?? []);
      setFailure(res.error.code === 'NETWORK.FAILED' ? `${res.error.message}。填写的内容已保存，网络恢复后再点提交即可` : res.error.message);
      return;
    }
    clear();
    // The roster lists and the household's other members' pages (its size), the worklists (a new person due).
    invalidate(['people'], ['person'], ['visits']);
    void Taro.showToast({ title: '已登记', icon: 'success' });
    void Taro.redirectTo({ url: withQuery(ROUTES.person, { id: res.data.person._id }) });
  }

  return (
    <>
      <Card>
        <FormItem label='姓名' required error={errors.name}>
          <TextInput label='姓名' value={draft.name} onChange={(name) => update({ name })} />
        </FormItem>
        <FormItem label='身份证号' required error={errors.idNumber} hint={idNumberUpgradeHint(draft.idNumber, beijingDate(Date.now())) ?? '18位，最后一位可能是X'}>
          <TextInput label='身份证号' type='idcard' value={draft.idNumber} onChange={(idNumber) => update({ idNumber })} />
        </FormItem>
        <FormItem label='手机号（没有可不填）' error={errors.phone}>
          <TextInput label='手机号' type='number' value={draft.phone} onChange={(phone) => update({ phone })} />
        </FormItem>
        {joining ? (
          <FormItem label='与户主关系' required error={errors.relation}>
            <TextInput label='与户主关系' value={draft.relation} onChange={(relation) => update({ relation })} placeholder='配偶、子、女、孙子、孙女等' />
          </FormItem>
        ) : (
          <>
            <FormItem label='网格' required error={errors.gridId}>
              <Chips label='网格' noAll options={grids} value={draft.gridId || null} onChange={(gridId) => update({ gridId: gridId ?? '' })} />
            </FormItem>
            <FormItem label='住址（新建一户，本人为户主）' required error={errors.address}>
              <TextInput label='住址' value={draft.address} onChange={(address) => update({ address })} placeholder='镇、村、组、门牌号' />
            </FormItem>
          </>
        )}
      </Card>
      <Card title='类别与风险'>
        <FormItem label='人员类别（可多选）'>
          {CATEGORIES.map((c) => (
            <CheckRow key={c} checked={draft.categories.includes(c)} onChange={(on) => update({ categories: on ? [...draft.categories, c] : draft.categories.filter((x) => x !== c) })}>
              {CATEGORY_LABELS[c]}
            </CheckRow>
          ))}
        </FormItem>
        <FormItem label='风险等级' hint={tierFrequencyText(DEFAULT_SETTINGS)}>
          <Chips label='风险等级' noAll options={TIER_OPTIONS} value={draft.riskTier} onChange={(v) => update({ riskTier: (v as RiskTier | null) ?? 'general' })} />
        </FormItem>
        <FormItem label='残疾等级'>
          <Chips label='残疾等级' allLabel='无' options={GRADE_OPTIONS} value={draft.disabilityGrade || null} onChange={(v) => update({ disabilityGrade: v ?? '' })} />
        </FormItem>
        <CheckRow checked={draft.floating} onChange={(floating) => update({ floating })}>
          {PERSON_FLAG_LABELS.floating}
        </CheckRow>
        {canSetKeyHousehold(me.role) && !joining ? (
          <CheckRow checked={draft.keyHousehold} onChange={(keyHousehold) => update({ keyHousehold })}>
            设为重点户
          </CheckRow>
        ) : null}
        <FormItem label='备注' error={errors.notes}>
          <TextArea label='备注' value={draft.notes} max={ROSTER_NOTES_MAX} onChange={(notes) => update({ notes })} />
        </FormItem>
      </Card>
      {duplicates.length ? (
        <Card title='已登记的记录'>
          <Notice tone='warn'>这个人可能已经在花名册中，请先查看</Notice>
          {duplicates.map((d) => (
            <ListRow key={d.personId} title={d.name} meta={DUPLICATE_REASON_LABELS[d.reason]} onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.person, { id: d.personId }) })} />
          ))}
        </Card>
      ) : null}
      <FormFoot error={failure}>
        <Button block disabled={sending} onClick={() => void submit()}>
          {sending ? '正在提交…' : '登记'}
        </Button>
      </FormFoot>
    </>
  );
}

export default function CapturePage() {
  const householdId = useQueryParam('householdId');
  const gridId = useQueryParam('gridId');
  return (
    <SignedInPage title={householdId ? '登记家庭成员' : '登记人员'} subtitle='底数清：身份证号和手机号会自动查重'>
      {(me) => <CaptureForm me={me} householdId={householdId} gridId={gridId} />}
    </SignedInPage>
  );
}
