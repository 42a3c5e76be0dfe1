import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

export function ListRow(props: { title: string; meta?: string; tags?: ReactNode; onClick?: () => void }) {
  return (
    <View className='ui-row' role={props.onClick ? 'button' : undefined} onClick={props.onClick}>
      <View className='ui-row__main'>
        <Text className='ui-row__title'>{props.title}</Text>
        {props.meta ? <Text className='ui-row__meta'>{props.meta}</Text> : null}
        {props.tags ? <View className='ui-row__tags'>{props.tags}</View> : null}
      </View>
      {props.onClick ? <Text className='ui-row__arrow'>›</Text> : null}
    </View>
  );
}

/** A label / value line on a detail page. */
export function Field(props: { label: string; children: ReactNode }) {
  return (
    <View className='ui-field'>
      <Text className='ui-field__label'>{props.label}</Text>
      <View className='ui-field__value'>{props.children}</View>
    </View>
  );
}
