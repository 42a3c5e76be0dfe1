// The form of one workflow event (specs in case-events.ts): fields, a check of the required ones, the core's event
// schema, a confirmation before irreversible steps, then the caller's submit. A refusal is shown in the form.
import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { caseEventSchema, type CaseEvent, type OfferedEvent } from '../core/cases';
import { Button } from './button';
import { Card } from './card';
import { EVENT_SPECS, eventLabel } from './case-events';
import { FormInputError, type FieldSpec, type FormValues, type SpecContext } from './event-fields';
import { Chips } from './chips';
import { DateInput } from './date-input';
import { CheckRow, FormFoot, FormItem, Notice, TextArea, TextInput } from './form';
import { PhotoPicker } from './photo-picker';

function initialValues(fields: readonly FieldSpec[]): FormValues {
  const values: FormValues = { text: {}, picks: {}, photos: {} };
  for (const field of fields) if (field.initial !== undefined) values.text[field.key] = field.initial;
  return values;
}

function isEmpty(values: FormValues, field: FieldSpec): boolean {
  if (field.kind === 'photos') return (values.photos[field.key] ?? []).length === 0;
  if (field.kind === 'checks') return (values.picks[field.key] ?? []).length === 0;
  return (values.text[field.key] ?? '').trim() === '';
}

function Field(props: { field: FieldSpec; values: FormValues; onChange: (values: FormValues) => void }) {
  const { field, values, onChange } = props;
  const setText = (value: string) => onChange({ ...values, text: { ...values.text, [field.key]: value } });
  const value = values.text[field.key] ?? '';
  switch (field.kind) {
    case 'text':
    case 'amount':
      return <TextInput label={field.label} value={value} type={field.kind === 'amount' ? 'digit' : 'text'} onChange={setText} />;
    case 'date':
      return <DateInput label={field.label} value={value} placeholder='今天' onChange={setText} />;
    case 'long':
    case 'lines':
      return <TextArea label={field.label} value={value} onChange={setText} />;
    case 'choice':
      return <Chips label={field.label} noAll options={field.options ?? []} value={value || null} onChange={(v) => setText(v ?? '')} />;
    case 'checks': {
      const picked = values.picks[field.key] ?? [];
      return (
        <View role='group' aria-label={field.label}>
          {(field.options ?? []).map((option) => (
            <CheckRow
              key={option.value}
              checked={picked.includes(option.value)}
              onChange={(on) =>
                onChange({
                  ...values,
                  picks: { ...values.picks, [field.key]: on ? [...picked, option.value] : picked.filter((p) => p !== option.value) },
                })
              }
            >
              {option.label}
            </CheckRow>
          ))}
        </View>
      );
    }
    case 'photos':
      return (
        <PhotoPicker
          label={field.label}
          purpose={field.purpose ?? 'material'}
          max={field.max ?? 1}
          value={values.photos[field.key] ?? []}
          onChange={(files) => onChange({ ...values, photos: { ...values.photos, [field.key]: files } })}
        />
      );
  }
}

export function EventForm(props: {
  type: OfferedEvent;
  ctx: SpecContext;
  /** Sends the event; resolves to a message to show when it was refused, null when done. */
  onSubmit: (event: CaseEvent) => Promise<string | null>;
  onCancel: () => void;
}) {
  const spec = EVENT_SPECS[props.type];
  const fields = useMemo(() => spec.fields(props.ctx), [spec, props.ctx]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const shown = fields.filter((f) => !f.showIf || f.showIf(values));
  const intro = spec.intro?.(props.ctx);
  const blocked = spec.blocked?.(props.ctx) ?? null;
  const label = eventLabel(props.type);

  async function submit(): Promise<void> {
    if (sending || blocked) return;
    const empty = shown.find((f) => f.required && isEmpty(values, f));
    if (empty) {
      setError(empty.kind === 'photos' ? `请上传：${empty.label}` : empty.kind === 'choice' ? `请选择：${empty.label}` : `请填写：${empty.label}`);
      return;
    }
    let parsed;
    try {
      parsed = caseEventSchema.safeParse(spec.build(values, props.ctx));
    } catch (thrown) {
      if (!(thrown instanceof FormInputError)) throw thrown;
      setError(thrown.message);
      return;
    }
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '填写的内容有误');
      return;
    }
    if (spec.confirm) {
      const answer = await Taro.showModal({ title: label, content: spec.confirm(values, props.ctx), confirmText: '确定', cancelText: '再想想' });
      if (!answer.confirm) return;
    }
    setError(null);
    setSending(true);
    const refused = await props.onSubmit(parsed.data);
    setSending(false);
    if (refused) setError(refused);
  }

  return (
    <Card title={label}>
      <View data-event-form={props.type}>
        {intro ? <Text className='ui-plain'>{intro}</Text> : null}
        {blocked ? (
          <Notice tone='warn'>
            {blocked}
          </Notice>
        ) : null}
        {shown.map((field) => (
          <FormItem key={field.key} label={field.label} hint={field.hint} required={field.required}>
            <Field field={field} values={values} onChange={setValues} />
          </FormItem>
        ))}
        <FormFoot error={error}>
          <View className='ui-actions'>
            <View className='ui-actions__item' data-submit=''>
              <Button kind={spec.danger ? 'danger' : 'primary'} disabled={sending || blocked !== null} onClick={() => void submit()}>
                {sending ? '正在提交…' : `提交：${label}`}
              </Button>
            </View>
            <View className='ui-actions__item'>
              <Button kind='plain' onClick={props.onCancel}>
                取消
              </Button>
            </View>
          </View>
        </FormFoot>
      </View>
    </Card>
  );
}
