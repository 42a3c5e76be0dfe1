// 主动发现: a gridworker or cadre reports a person or household found in hardship — from the roster, or someone not
// on it by name and grid — with the category, what they saw, the urgency (urgent ones reach the town office at
// once), photos. The draft is kept until the server has the report.
import { useState } from 'react';
import type { UploadedFile } from '@/client/upload';
import { discoveryInputSchema, HELP_CATEGORIES, HELP_CATEGORY_LABELS, REPORT_MAX_PHOTOS, type HelpCategory, type Urgency } from '@/core/cases';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { fieldErrors, FormItem, TextArea, TextInput } from '@/components/form';
import { SubmitBar, useNewCase } from '@/components/new-case';
import { PersonPicker, placementOf, unrosteredId, type ChosenPerson } from '@/components/person-picker';
import { PhotoPicker } from '@/components/photo-picker';
import { useDraft } from '@/hooks/use-draft';
import type { Me } from '@/hooks/use-session';
import { SignedInPage } from '@/components/signed-in';

// Names of the core's urgencies.
const URGENCY_OPTIONS: { value: Urgency; label: string }[] = [
  { value: 'normal', label: '一般' },
  { value: 'urgent', label: '紧急（马上告知镇民政办）' },
];
const CATEGORY_OPTIONS = HELP_CATEGORIES.map((value) => ({ value, label: HELP_CATEGORY_LABELS[value] }));

interface DiscoveryDraft {
  person: ChosenPerson | null;
  /** RULES §29: for someone not on the roster, the ID number tells the server whether a minor (never a tick box). */
  idNumber: string;
  helpCategory: HelpCategory | null;
  urgency: Urgency;
  description: string;
  photos: UploadedFile[];
}

const emptyDraft = (): DiscoveryDraft => ({ person: null, idNumber: '', helpCategory: null, urgency: 'normal', description: '', photos: [] });

function DiscoveryForm(props: { me: Me }) {
  const { me } = props;
  const { draft, update, clear } = useDraft<DiscoveryDraft>('discover', emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submission = useNewCase(me.role, clear);

  async function submit(): Promise<void> {
    if (submission.sending) return;
    const placement = placementOf(draft.person);
    const parsed = discoveryInputSchema.safeParse({
      source: 'discovery',
      applicant: { name: draft.person?.name.trim() ?? '', ...unrosteredId(draft) },
      description: draft.description,
      helpCategory: draft.helpCategory ?? undefined,
      urgency: draft.urgency,
      photoFileIds: draft.photos.map((p) => p.fileID),
    });
    const problems = parsed.success ? {} : fieldErrors(parsed.error);
    if (typeof placement === 'string') problems.person = placement;
    if (!draft.helpCategory) problems.helpCategory = '请选择困难类别';
    setErrors(problems);
    if (!parsed.success || typeof placement === 'string' || Object.keys(problems).length > 0) {
      submission.fail('还有内容需要补充，请看标红的提示');
      return;
    }
    await submission.send({ requestId: draft.requestId, ...placement, case: parsed.data });
  }

  return (
    <>
      <Card>
        <PersonPicker me={me} value={draft.person} onChange={(person) => update({ person })} error={errors.person ?? errors.applicant} />
        {draft.person && !draft.person.personId ? (
          <FormItem label='身份证号（可不填）' hint='不在花名册上的，填写后系统据此判断是否未成年'>
            <TextInput label='身份证号' type='idcard' value={draft.idNumber} onChange={(idNumber) => update({ idNumber })} />
          </FormItem>
        ) : null}
        <FormItem label='困难类别' required error={errors.helpCategory}>
          <Chips label='困难类别' noAll options={CATEGORY_OPTIONS} value={draft.helpCategory} onChange={(v) => update({ helpCategory: v as HelpCategory | null })} />
        </FormItem>
        <FormItem label='紧急程度' required>
          <Chips label='紧急程度' noAll options={URGENCY_OPTIONS} value={draft.urgency} onChange={(v) => update({ urgency: (v as Urgency | null) ?? 'normal' })} />
        </FormItem>
        <FormItem label='发现的情况' required error={errors.description}>
          <TextArea label='发现的情况' value={draft.description} onChange={(description) => update({ description })} placeholder='例如：独居老人家中断粮，行动不便' />
        </FormItem>
        <FormItem label='照片（可不传）' hint={`最多${REPORT_MAX_PHOTOS}张`}>
          <PhotoPicker label='现场照片' purpose='report' max={REPORT_MAX_PHOTOS} value={draft.photos} onChange={(photos) => update({ photos })} />
        </FormItem>
      </Card>
      <SubmitBar state={submission} label='上报' onSubmit={() => void submit()} />
    </>
  );
}

export default function DiscoverPage() {
  return (
    <SignedInPage title='主动发现' subtitle='发现困难群众，及时上报镇民政办'>
      {(me) => <DiscoveryForm me={me} />}
    </SignedInPage>
  );
}
