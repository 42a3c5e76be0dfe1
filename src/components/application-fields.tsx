// The parts an application form shares, whoever files it (the resident, or a worker by proxy): the kind, the facts
// that make an item relevant, and the materials checklist of that kind with photos per item. Items a government
// platform holds are listed as checked by the town, never asked for (RULES §2).
import { Text } from '@tarojs/components';
import type { UploadedFile } from '../client/upload';
import { APPLICATION_KINDS, CASE_KIND_LABELS, checklistFor, MATERIALS, type ApplicationKind, type MaterialKey } from '../core/cases';
import { Card } from './card';
import { MAX_PHOTOS_PER_ITEM } from './event-fields';
import { Chips } from './chips';
import { CheckRow, FormItem } from './form';
import { PhotoPicker } from './photo-picker';

const KIND_OPTIONS = APPLICATION_KINDS.map((value) => ({ value, label: CASE_KIND_LABELS[value] }));

export interface ApplicantFacts {
  disabled: boolean;
  seriousIllness: boolean;
  hasLegalSupporters: boolean;
}

export type MaterialPhotos = Partial<Record<MaterialKey, UploadedFile[]>>;

export function KindChoice(props: { value: ApplicationKind | null; onChange: (kind: ApplicationKind | null) => void; error?: string | null }) {
  return (
    <FormItem label='申请哪一类救助' required error={props.error}>
      <Chips label='救助类别' noAll options={KIND_OPTIONS} value={props.value} onChange={(v) => props.onChange(v as ApplicationKind | null)} />
    </FormItem>
  );
}

/** The facts that add items to the checklist (a disability certificate, an illness proof, supporters' authorisation). */
export function FactChecks(props: { kind: ApplicationKind; value: ApplicantFacts; onChange: (facts: ApplicantFacts) => void; who: string }) {
  const { value, onChange } = props;
  return (
    <FormItem label={`${props.who}的情况`} hint='勾选的情况会加上相应的材料'>
      <CheckRow checked={value.disabled} onChange={(disabled) => onChange({ ...value, disabled })}>
        家中有残疾人
      </CheckRow>
      <CheckRow checked={value.seriousIllness} onChange={(seriousIllness) => onChange({ ...value, seriousIllness })}>
        家中有人患重病
      </CheckRow>
      {props.kind === 'tekun' ? (
        <CheckRow checked={value.hasLegalSupporters} onChange={(hasLegalSupporters) => onChange({ ...value, hasLegalSupporters })}>
          有法定赡养、抚养、扶养义务人
        </CheckRow>
      ) : null}
    </FormItem>
  );
}

/** The checklist of the kind, photos per item. */
export function MaterialsCard(props: { kind: ApplicationKind; facts: ApplicantFacts; value: MaterialPhotos; onChange: (value: MaterialPhotos) => void }) {
  return (
    <Card title='申请材料'>
      {checklistFor(props.kind, props.facts).map((item) =>
        item.platformHeld ? (
          <FormItem key={item.key} label={item.label}>
            <Text className='ui-plain'>{`不用提供：镇里通过${MATERIALS[item.key].platform ?? '共享平台'}核查`}</Text>
          </FormItem>
        ) : (
          <FormItem key={item.key} label={item.label} hint='拍照上传，可以稍后补交'>
            <PhotoPicker
              label={item.label}
              purpose='material'
              max={MAX_PHOTOS_PER_ITEM}
              value={props.value[item.key] ?? []}
              onChange={(files) => props.onChange({ ...props.value, [item.key]: files })}
            />
          </FormItem>
        ),
      )}
    </Card>
  );
}

/** The materials part of a create payload: the items of this kind's checklist that have photos. */
export function materialsInput(kind: ApplicationKind, facts: ApplicantFacts, photos: MaterialPhotos): { key: MaterialKey; fileIds: string[] }[] {
  return checklistFor(kind, facts)
    .map((item) => ({ key: item.key, fileIds: (photos[item.key] ?? []).map((f) => f.fileID) }))
    .filter((item) => item.fileIds.length > 0);
}
