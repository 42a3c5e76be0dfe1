// Form controls for the case pages: a labelled item with its hint and error, text inputs, a text area with a live
// character counter, a tick box and a notice banner, and a failed parse's message per field. Sizes come from the
// page's variables (large-text mode).
import type { ReactNode } from 'react';
import type { ZodError } from 'zod';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { charCount } from '../core/text';
import './form.css';

export function FormItem(props: { label: string; hint?: string; error?: string | null; required?: boolean; children: ReactNode }) {
  return (
    <View className='ui-form-item'>
      <Text className='ui-form-item__label'>
        {props.label}
        {props.required ? <Text className='ui-form-item__required'> *</Text> : null}
      </Text>
      {props.hint ? <Text className='ui-form-item__hint'>{props.hint}</Text> : null}
      {props.children}
      {props.error ? (
        <View className='ui-form-item__error' role='alert'>
          {props.error}
        </View>
      ) : null}
    </View>
  );
}

export function TextInput(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit' | 'idcard';
}) {
  return (
    <Input
      className='ui-input'
      type={props.type ?? 'text'}
      value={props.value}
      placeholder={props.placeholder}
      aria-label={props.label}
      // On H5 the native field inside Taro's element needs the name itself (a screen reader lands on it).
      nativeProps={{ 'aria-label': props.label }}
      onInput={(e) => props.onChange(e.detail.value)}
    />
  );
}

/** A text area; with `max`, a live "n/max" counter that turns red past the limit (the text is kept, not cut). */
export function TextArea(props: { label: string; value: string; onChange: (value: string) => void; placeholder?: string; max?: number }) {
  const count = charCount(props.value);
  const over = props.max !== undefined && count > props.max;
  return (
    <View className='ui-textarea-wrap'>
      <Textarea
        className='ui-textarea'
        value={props.value}
        // weapp cuts at 140 characters unless told otherwise; the limit is checked (and explained) by the schema.
        maxlength={-1}
        placeholder={props.placeholder}
        aria-label={props.label}
        nativeProps={{ 'aria-label': props.label }}
        onInput={(e) => props.onChange(e.detail.value)}
      />
      {props.max !== undefined ? (
        <Text className={over ? 'ui-counter ui-counter--over' : 'ui-counter'} aria-live='polite' data-counter=''>
          {`${count}/${props.max}`}
        </Text>
      ) : null}
    </View>
  );
}

export function CheckRow(props: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode }) {
  return (
    <View
      className={props.checked ? 'ui-check ui-check--on' : 'ui-check'}
      role='checkbox'
      aria-checked={props.checked ? 'true' : 'false'}
      onClick={() => props.onChange(!props.checked)}
    >
      <View className='ui-check__box'>{props.checked ? '✓' : ''}</View>
      <View className='ui-check__text'>{props.children}</View>
    </View>
  );
}

export type NoticeTone = 'ok' | 'warn' | 'danger';

export function Notice(props: { tone?: NoticeTone; children: ReactNode }) {
  const tone = props.tone ?? 'ok';
  return (
    <View className={`ui-notice ui-notice--${tone}`} role={tone === 'ok' ? 'status' : 'alert'}>
      <Text>{props.children}</Text>
    </View>
  );
}

/** The bottom of a form: its error, then the submit button. */
export function FormFoot(props: { error?: string | null; children: ReactNode }) {
  return (
    <View className='ui-form-foot'>
      {props.error ? <Notice tone='danger'>{props.error}</Notice> : null}
      {props.children}
    </View>
  );
}

/** The first message for each top-level field of a failed parse (the form shows it under that field). */
export function fieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
