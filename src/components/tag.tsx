import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';

export type TagTone = 'primary' | 'neutral' | 'warn' | 'danger' | 'info';

export function Tag(props: { tone?: TagTone; children: ReactNode }) {
  const tone = props.tone ?? 'primary';
  return <Text className={tone === 'primary' ? 'ui-tag' : `ui-tag ui-tag--${tone}`}>{props.children}</Text>;
}
