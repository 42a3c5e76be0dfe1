// 发起预警 (issue 5, PRODUCT flow 7): reason, villages, deadline in hours and instructions to the gridworkers,
// checked by the core's schema with the message at each field; a confirmation, because a raised alert messages
// every gridworker of those villages at once and cannot be taken back. The form is a draft with a request id until
// the server has the alert, so a retry after a dropped answer never raises a second one.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { ZodError } from 'zod';
import { Text, View } from '@tarojs/components';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import {
  ALERT_DEADLINE_MAX_HOURS,
  ALERT_INSTRUCTIONS_MAX_CHARS,
  ALERT_REASON_LABELS,
  ALERT_REASONS,
  raiseAlertInputSchema,
  type AlertReason,
} from '@/core/alerts/roll-call';
import { useVillages, villageNames } from '@/components/alert-view';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { CheckRow, fieldErrors, FormFoot, FormItem, TextArea, TextInput } from '@/components/form';
import { SignedInPage } from '@/components/signed-in';
import { Loading } from '@/components/states';
import { useDraft } from '@/hooks/use-draft';
import { ROUTES, withQuery } from '@/routes';

interface RaiseDraft {
  reason: AlertReason | '';
  villageIds: string[];
  /** As typed: the presets fill it, the officer may type another whole number of hours. */
  deadlineHours: string;
  instructions: string;
}

type FieldName = 'reason' | 'villageIds' | 'deadlineHours' | 'instructions';
type FieldErrors = Partial<Record<FieldName, string>>;

const REASON_OPTIONS = ALERT_REASONS.map((r) => ({ value: r, label: ALERT_REASON_LABELS[r] }));
const PRESET_HOURS = [2, 6, 12, 24];
const PRESET_OPTIONS = PRESET_HOURS.map((h) => ({ value: String(h), label: `${h}小时` }));
/** Follow-up calls of one raise when its town is too large for one invocation (the escalation timer finishes any rest). */
const RAISE_CONTINUATIONS = 5;

/** The schema's own (Chinese) messages where it has them; plain Chinese for the enum and number checks. */
const FIELD_MESSAGES: Partial<Record<FieldName, string>> = {
  reason: '请选择预警原因',
  deadlineHours: `截止时间请填1到${ALERT_DEADLINE_MAX_HOURS}之间的整数小时`,
};

function raiseErrors(error: ZodError): FieldErrors {
  return Object.fromEntries(Object.entries(fieldErrors(error)).map(([field, message]) => [field, FIELD_MESSAGES[field as FieldName] ?? message]));
}

function RaiseForm() {
  const villages = useVillages();
  const { draft, update, clear } = useDraft<RaiseDraft>('alert-raise', () => ({ reason: '', villageIds: [], deadlineHours: '6', instructions: '' }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  if (!villages) return <Loading />;
  const allOn = villages.length > 0 && villages.every((v) => draft.villageIds.includes(v._id));

  function toggleVillage(id: string, on: boolean): void {
    update({ villageIds: on ? [...draft.villageIds, id] : draft.villageIds.filter((v) => v !== id) });
  }

  async function submit(): Promise<void> {
    if (sending || !villages) return;
    const parsed = raiseAlertInputSchema.safeParse({
      requestId: draft.requestId,
      reason: draft.reason,
      // In the order the town lists them.
      villageIds: villages.map((v) => v._id).filter((id) => draft.villageIds.includes(id)),
      deadlineHours: draft.deadlineHours.trim() === '' ? Number.NaN : Number(draft.deadlineHours),
      instructions: draft.instructions,
    });
    if (!parsed.success) {
      setErrors(raiseErrors(parsed.error));
      setFailure('请按提示修改后再发起');
      return;
    }
    setErrors({});
    setFailure(null);
    const input = parsed.data;
    const sure = await Taro.showModal({
      title: `发起${ALERT_REASON_LABELS[input.reason]}预警`,
      content: `${villageNames(input.villageIds, villages)}：将通知这些村的网格员立即点名，${input.deadlineHours}小时内完成。发起后不能撤回`,
      confirmText: '发起',
      cancelText: '再想想',
    });
    if (!sure.confirm) return;
    setSending(true);
    let res = await call('alerts', 'raise', input);
    // A large town may take more than one invocation: the same request id carries on where the last one stopped.
    for (let more = 0; res.ok && res.data.raising && more < RAISE_CONTINUATIONS; more++) res = await call('alerts', 'raise', input);
    setSending(false);
    if (!res.ok) {
      setFailure(res.error.code === 'NETWORK.FAILED' ? `${res.error.message}。填写的内容已保存，网络恢复后再点“发起预警”即可，不会重复发起` : res.error.message);
      return;
    }
    clear();
    invalidate(['alerts']);
    void Taro.redirectTo({ url: withQuery(ROUTES.alertBoard, { alertId: res.data.alertId }) });
  }

  return (
    <>
      <Card>
        <FormItem label='预警原因' required error={errors.reason}>
          <Chips label='预警原因' noAll options={REASON_OPTIONS} value={draft.reason || null} onChange={(v) => update({ reason: (v as AlertReason | null) ?? '' })} />
        </FormItem>
        <FormItem label='点名的村（社区）' required hint='这些村里的困难群众都会列入点名名单' error={errors.villageIds}>
          <View role='group' aria-label='点名的村（社区）'>
            <CheckRow checked={allOn} onChange={(on) => update({ villageIds: on ? villages.map((v) => v._id) : [] })}>
              全选
            </CheckRow>
            {villages.map((v) => (
              <CheckRow key={v._id} checked={draft.villageIds.includes(v._id)} onChange={(on) => toggleVillage(v._id, on)}>
                {v.name}
              </CheckRow>
            ))}
          </View>
        </FormItem>
        <FormItem label='完成时限' required hint={`从现在起多少小时内联系到每个人，最长${ALERT_DEADLINE_MAX_HOURS}小时`} error={errors.deadlineHours}>
          <Chips label='完成时限' noAll options={PRESET_OPTIONS} value={PRESET_HOURS.includes(Number(draft.deadlineHours)) ? String(Number(draft.deadlineHours)) : null} onChange={(v) => update({ deadlineHours: v ?? '' })} />
          <View className='ui-unit-input'>
            <TextInput label='完成时限（小时）' type='number' value={draft.deadlineHours} onChange={(deadlineHours) => update({ deadlineHours })} placeholder='其他时长' />
            <Text className='ui-unit-input__unit'>小时</Text>
          </View>
        </FormItem>
        <FormItem label='点名要求' required hint='发给网格员，说明要确认什么、提醒什么' error={errors.instructions}>
          <TextArea
            label='点名要求'
            value={draft.instructions}
            max={ALERT_INSTRUCTIONS_MAX_CHARS}
            onChange={(instructions) => update({ instructions })}
            placeholder='例如：今晚寒潮降温，请逐户电话或上门确认取暖、用电和饮食安全'
          />
        </FormItem>
      </Card>
      <FormFoot error={failure}>
        <Button block disabled={sending} onClick={() => void submit()}>
          {sending ? '正在发起…' : '发起预警'}
        </Button>
      </FormFoot>
    </>
  );
}

export default function AlertRaisePage() {
  return <SignedInPage title='发起预警' subtitle='通知网格员立即逐一联系困难群众'>{() => <RaiseForm />}</SignedInPage>;
}
