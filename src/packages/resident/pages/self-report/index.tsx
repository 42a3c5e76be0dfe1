// 我要求助: a resident says what is wrong in their own words (with a live counter against the limit), picks a
// category, may add photos and a location, leaves a phone, and consents separately to the handling of sensitive
// information. The draft survives a closed page or a dropped network; a retry sends the same request id.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '@/client/call';
import { CASE_STATUS_KEYS } from '@/client/subscribe';
import type { UploadedFile } from '@/client/upload';
import {
  HELP_CATEGORIES,
  HELP_CATEGORY_LABELS,
  REPORT_MAX_PHOTOS,
  SELF_REPORT_MAX_CHARS,
  selfReportInputSchema,
  selfReportTextSchema,
  type HelpCategory,
} from '@/core/cases';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { CheckRow, fieldErrors, FormItem, TextArea, TextInput } from '@/components/form';
import { SubmitBar, useNewCase } from '@/components/new-case';
import { PhotoPicker } from '@/components/photo-picker';
import { useDraft } from '@/hooks/use-draft';
import { useOnMount } from '@/hooks/use-on-mount';
import { useSubscriptionOffer } from '@/hooks/use-subscription-offer';
import type { Me } from '@/hooks/use-session';
import { SignedInPage } from '@/components/signed-in';

const SELF_REPORT_DRAFT = 'self-report';

interface Location {
  latitude: number;
  longitude: number;
  address?: string;
}

interface SelfReportDraft {
  helpCategory: HelpCategory | null;
  description: string;
  photos: UploadedFile[];
  location: Location | null;
  phone: string;
  consent: boolean;
  /** For a resident not on the roster: the grid where the need is. */
  gridId: string | null;
}

const CATEGORY_OPTIONS = HELP_CATEGORIES.map((value) => ({ value, label: HELP_CATEGORY_LABELS[value] }));
const emptyDraft = (): SelfReportDraft => ({ helpCategory: null, description: '', photos: [], location: null, phone: '', consent: false, gridId: null });

type Areas = { _id: string; name: string; grids: { _id: string; name: string }[] }[];

/** Village, then grid: where a resident who is not on the roster needs help. */
function WhereChooser(props: { value: string | null; onChange: (gridId: string | null) => void; error?: string }) {
  const [areas, setAreas] = useState<Areas>([]);
  const [villageId, setVillageId] = useState<string | null>(null);
  // Loaded once; the grid already chosen (a kept draft) opens its village.
  useOnMount(() => {
    void call('session', 'areas', {}).then((res) => {
      if (!res.ok) return;
      setAreas(res.data);
      const chosen = res.data.find((v) => v.grids.some((g) => g._id === props.value));
      if (chosen) setVillageId(chosen._id);
    });
  });
  const village = areas.find((v) => v._id === villageId);
  return (
    <FormItem label='您现在住在哪里' required hint='还没有登记在册：请选择所在的村(社区)和网格' error={props.error}>
      <Chips label='村(社区)' noAll options={areas.map((v) => ({ value: v._id, label: v.name }))} value={villageId} onChange={(id) => { setVillageId(id); props.onChange(null); }} />
      {village ? <Chips label='网格' noAll options={village.grids.map((g) => ({ value: g._id, label: g.name }))} value={props.value} onChange={props.onChange} /> : null}
    </FormItem>
  );
}

/** The map picker exists in WeChat; the H5 build has no map key, so there the location is left out. */
const canChooseLocation = process.env.TARO_ENV !== 'h5' && typeof Taro.chooseLocation === 'function';

function SelfReportForm(props: { me: Me }) {
  const { me } = props;
  const { draft, update, clear } = useDraft<SelfReportDraft>(SELF_REPORT_DRAFT, emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submission = useNewCase(me.role, clear);
  const offer = useSubscriptionOffer(CASE_STATUS_KEYS);
  const [locationNote, setLocationNote] = useState<string | null>(null);

  // Prefilled once from the profile when the form opens; a number the user then clears stays cleared.
  useOnMount(() => {
    if (me.phone && !draft.phone) update({ phone: me.phone });
  });

  const tooLong = selfReportTextSchema.safeParse(draft.description);
  const lengthError = draft.description.trim() && !tooLong.success ? tooLong.error.issues[0]?.message : undefined;

  async function chooseLocation(): Promise<void> {
    try {
      const picked = await Taro.chooseLocation({});
      update({ location: { latitude: picked.latitude, longitude: picked.longitude, address: picked.name || picked.address || undefined } });
      setLocationNote(null);
    } catch {
      setLocationNote('没有取得位置，可以不填');
    }
  }

  async function submit(): Promise<void> {
    if (submission.sending) return;
    const input = {
      source: 'selfReport' as const,
      applicant: { name: me.name },
      description: draft.description,
      helpCategory: draft.helpCategory ?? undefined,
      photoFileIds: draft.photos.map((p) => p.fileID),
      ...(draft.location ? { location: draft.location } : {}),
      ...(draft.phone.trim() ? { contactPhone: draft.phone.trim() } : {}),
      sensitiveInfoConsent: draft.consent,
    };
    const parsed = selfReportInputSchema.safeParse(input);
    const problems = parsed.success ? {} : fieldErrors(parsed.error);
    if (!draft.helpCategory) problems.helpCategory = '请选择遇到的是哪一类困难';
    if (!me.personId && !draft.gridId) problems.gridId = '请选择您所在的网格';
    setErrors(problems);
    if (!parsed.success || Object.keys(problems).length > 0) {
      submission.fail('还有内容需要修改，请看标红的提示');
      return;
    }
    // Issue 15: once submitted, one plain question about WeChat reminders; its own tap asks WeChat (RULES §30).
    if (await submission.send({ requestId: draft.requestId, ...(me.personId ? {} : { gridId: draft.gridId ?? undefined }), case: parsed.data })) offer.askAfterSubmit();
  }

  return (
    <>
      <Card>
        {me.personId ? null : <WhereChooser value={draft.gridId} onChange={(gridId) => update({ gridId })} error={errors.gridId} />}
        <FormItem label='遇到的是哪一类困难' required error={errors.helpCategory}>
          <Chips
            label='困难类别'
            noAll
            options={CATEGORY_OPTIONS}
            value={draft.helpCategory}
            onChange={(value) => update({ helpCategory: value as HelpCategory | null })}
          />
        </FormItem>
        <FormItem label='说说遇到的困难' required hint={`${SELF_REPORT_MAX_CHARS}字以内`} error={lengthError ?? errors.description}>
          <TextArea
            label='困难情况'
            value={draft.description}
            max={SELF_REPORT_MAX_CHARS}
            placeholder='例如：老伴住院，家里没有收入了'
            onChange={(description) => update({ description })}
          />
        </FormItem>
        <FormItem label='照片（可不传）' hint={`最多${REPORT_MAX_PHOTOS}张`} error={errors.photoFileIds}>
          <PhotoPicker label='求助照片' purpose='report' max={REPORT_MAX_PHOTOS} value={draft.photos} onChange={(photos) => update({ photos })} />
        </FormItem>
        {canChooseLocation ? (
          <FormItem label='位置（可不填）' error={locationNote}>
            <View className='ui-field'>
              <Text className='ui-field__value'>{draft.location?.address ?? (draft.location ? '已选择位置' : '未选择')}</Text>
              <Button kind='plain' onClick={() => void chooseLocation()}>
                {draft.location ? '重新选择' : '选择位置'}
              </Button>
            </View>
          </FormItem>
        ) : null}
        <FormItem label='联系电话' hint='方便工作人员联系您' error={errors.contactPhone}>
          <TextInput label='联系电话' type='number' value={draft.phone} onChange={(phone) => update({ phone })} />
        </FormItem>
        <FormItem label='个人信息' required error={errors.sensitiveInfoConsent}>
          <CheckRow checked={draft.consent} onChange={(consent) => update({ consent })}>
            我同意镇民政办为办理本次求助，处理我填写的健康、家庭困难、位置等敏感个人信息（单独同意）
          </CheckRow>
        </FormItem>
      </Card>
      <SubmitBar state={submission} label='提交求助' onSubmit={() => void submit()} />
    </>
  );
}

export default function SelfReportPage() {
  return (
    <SignedInPage title='我要求助' subtitle='说说遇到的困难，镇民政办会尽快联系您'>
      {(me) => <SelfReportForm me={me} />}
    </SignedInPage>
  );
}
