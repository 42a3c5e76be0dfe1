// 帮办代办: a gridworker (or cadre) files an application in a resident's name — the person from the roster, the kind,
// the materials, and the photo of the signed authorisation (委托, RULES §1, §12). The resident then confirms or refuses
// in the mini-program, or the worker records a paper confirmation; the town's clock starts only then. Consents the
// resident signed on paper can be photographed here. The draft is kept until the server has the application.
import { useState } from 'react';
import type { UploadedFile } from '@/client/upload';
import { CONSENT_LABELS, consentsRequiredFor, proxyApplicationInputSchema, type ApplicationKind, type ConsentKey } from '@/core/cases';
import { FactChecks, KindChoice, MaterialsCard, materialsInput, type ApplicantFacts, type MaterialPhotos } from '@/components/application-fields';
import { Card } from '@/components/card';
import { fieldErrors, FormItem, Notice, TextArea, TextInput } from '@/components/form';
import { SubmitBar, useNewCase } from '@/components/new-case';
import { PersonPicker, placementOf, unrosteredId, type ChosenPerson } from '@/components/person-picker';
import { PhotoPicker } from '@/components/photo-picker';
import { useDraft } from '@/hooks/use-draft';
import type { Me } from '@/hooks/use-session';
import { SignedInPage } from '@/components/signed-in';

const MAX_CONSENT_PHOTOS = 3;

interface ProxyDraft {
  person: ChosenPerson | null;
  kind: ApplicationKind | null;
  /** RULES §29: for someone not on the roster, the ID number tells the server whether a minor (never a tick box). */
  idNumber: string;
  facts: ApplicantFacts;
  materials: MaterialPhotos;
  authorisation: UploadedFile[];
  paperConsents: Partial<Record<ConsentKey, UploadedFile[]>>;
  note: string;
}

const emptyDraft = (): ProxyDraft => ({
  person: null,
  kind: null,
  idNumber: '',
  facts: { disabled: false, seriousIllness: false, hasLegalSupporters: false },
  materials: {},
  authorisation: [],
  paperConsents: {},
  note: '',
});

function ProxyForm(props: { me: Me }) {
  const { me } = props;
  const { draft, update, clear } = useDraft<ProxyDraft>('proxy', emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submission = useNewCase(me.role, clear);

  async function submit(): Promise<void> {
    if (submission.sending) return;
    const problems: Record<string, string> = {};
    const placement = placementOf(draft.person);
    if (typeof placement === 'string') problems.person = placement;
    if (!draft.kind) problems.kind = '请选择申请哪一类救助';
    if (draft.authorisation.length === 0) problems.authorisationPhotoFileId = '请上传本人签字的委托书照片';
    if (Object.keys(problems).length > 0 || typeof placement === 'string' || !draft.kind) {
      setErrors(problems);
      submission.fail('还有内容需要补充，请看标红的提示');
      return;
    }
    const paperConsents = consentsRequiredFor(draft.kind)
      .map((key) => ({ key, fileIds: (draft.paperConsents[key] ?? []).map((f) => f.fileID) }))
      .filter((c) => c.fileIds.length > 0);
    const parsed = proxyApplicationInputSchema.safeParse({
      source: 'proxy',
      kind: draft.kind,
      applicant: { name: draft.person!.name.trim(), ...unrosteredId(draft), ...draft.facts },
      authorisationPhotoFileId: draft.authorisation[0]!.fileID,
      materials: materialsInput(draft.kind, draft.facts, draft.materials),
      paperConsents,
      ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      submission.fail(parsed.error.issues[0]?.message ?? '填写的内容有误');
      return;
    }
    setErrors({});
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
        <KindChoice value={draft.kind} onChange={(kind) => update({ kind })} error={errors.kind} />
        {draft.kind ? <FactChecks kind={draft.kind} who='申请人家庭' value={draft.facts} onChange={(facts) => update({ facts })} /> : null}
      </Card>
      <Card title='委托'>
        <FormItem label='本人签字的委托书' required hint='拍清楚签名和日期' error={errors.authorisationPhotoFileId}>
          <PhotoPicker label='委托书' purpose='authorisation' max={1} value={draft.authorisation} onChange={(authorisation) => update({ authorisation })} />
        </FormItem>
      </Card>
      {draft.kind ? <MaterialsCard kind={draft.kind} facts={draft.facts} value={draft.materials} onChange={(materials) => update({ materials })} /> : null}
      {draft.kind ? (
        <Card title='纸质签字的承诺和授权（可不传）'>
          <Notice tone='ok'>提交后居民会收到消息，在小程序里确认并逐项同意；不便线上操作的，可以上传本人签字的纸质文书。</Notice>
          {consentsRequiredFor(draft.kind).map((key) => (
            <FormItem key={key} label={CONSENT_LABELS[key]}>
              <PhotoPicker
                label={CONSENT_LABELS[key]}
                purpose='consent'
                max={MAX_CONSENT_PHOTOS}
                value={draft.paperConsents[key] ?? []}
                onChange={(files) => update({ paperConsents: { ...draft.paperConsents, [key]: files } })}
              />
            </FormItem>
          ))}
        </Card>
      ) : null}
      <Card>
        <FormItem label='备注（可不填）'>
          <TextArea label='备注' value={draft.note} onChange={(note) => update({ note })} />
        </FormItem>
      </Card>
      <SubmitBar state={submission} label='提交代办申请' onSubmit={() => void submit()} />
    </>
  );
}

export default function ProxyPage() {
  return (
    <SignedInPage title='帮办代办' subtitle='替居民填写申请，居民确认后镇里开始办理'>
      {(me) => <ProxyForm me={me} />}
    </SignedInPage>
  );
}
