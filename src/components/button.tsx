// A View-based button: the native weapp <button> brings its own margins and borders that fight the design.
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';

export function Button(props: {
  kind?: 'primary' | 'secondary' | 'plain' | 'danger';
  block?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  children: ReactNode;
}) {
  const classes = ['ui-button', `ui-button--${props.kind ?? 'primary'}`];
  if (props.block) classes.push('ui-button--block');
  if (props.disabled) classes.push('ui-button--disabled');
  return (
    <View
      className={classes.join(' ')}
      role='button'
      aria-disabled={props.disabled ? 'true' : 'false'}
      onClick={() => {
        if (!props.disabled) props.onClick?.();
      }}
    >
      {props.children}
    </View>
  );
}
