// @tarojs/components as plain DOM elements for page tests. Props the DOM understands pass through;
// Taro's input events get the `detail.value` shape pages read.
import { createElement, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode };

const PASS = /^(className|style|id|role|title|src|placeholder|disabled|value|checked|type|hidden|aria-.*|data-.*)$/;

function element(tag: string) {
  return function TaroComponent(props: Props) {
    const dom: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(props)) {
      if (key === 'children') continue;
      if (PASS.test(key)) dom[key] = value;
    }
    if (typeof props.onClick === 'function') dom.onClick = props.onClick;
    const withDetail = (handler: unknown) => (event: { target: { value?: string; checked?: boolean } }) =>
      (handler as (e: unknown) => void)({ ...event, detail: { value: event.target.value, checked: event.target.checked } });
    if (typeof props.onInput === 'function') dom.onInput = withDetail(props.onInput);
    if (typeof props.onChange === 'function') dom.onChange = withDetail(props.onChange);
    if (typeof props.onBlur === 'function') dom.onBlur = withDetail(props.onBlur);
    if (typeof props.onFocus === 'function') dom.onFocus = props.onFocus;
    // WeChat's privacy button answers a tap with this event instead of a plain tap.
    if (typeof props.onAgreePrivacyAuthorization === 'function') dom.onClick = props.onAgreePrivacyAuthorization;
    if (typeof props.onError === 'function') dom.onError = props.onError;
    if (typeof props.onConfirm === 'function') {
      const confirm = withDetail(props.onConfirm);
      dom.onKeyDown = (event: { key: string; target: { value?: string } }) => {
        if (event.key === 'Enter') confirm(event);
      };
    }
    return createElement(tag, dom, props.children);
  };
}

export const View = element('div');
export const Text = element('span');
export const Button = element('button');
export const Input = element('input');
export const Textarea = element('textarea');
export const Image = element('img');
export const ScrollView = element('div');
export const Swiper = element('div');
export const SwiperItem = element('div');
export const Label = element('label');
export const Form = element('form');
export const Switch = element('input');
export const Checkbox = element('input');
export const Radio = element('input');
/** Taro's Picker opens the system picker on tap; here an input with its aria-label stands for that picker (a change
 * reports the chosen value as Taro's detail.value), followed by what the page shows inside it. */
export function Picker(props: Props) {
  const { children, ...rest } = props;
  return createElement('div', null, createElement(Input, { ...rest, type: 'text' }), children);
}
export const Navigator = element('a');
