import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

export function Card(props: { title?: string; extra?: ReactNode; children?: ReactNode }) {
  return (
    <View className='ui-card'>
      {props.title || props.extra ? (
        <View className='ui-card__head'>
          {props.title ? <Text className='ui-card__title'>{props.title}</Text> : <View />}
          {props.extra}
        </View>
      ) : null}
      {props.children}
    </View>
  );
}
