// A one-time code shown to be read out or typed (an invitation, a resident's link code): large, in groups of four.
import { Text, View } from '@tarojs/components';
import './code-display.css';

export function CodeDisplay(props: { label: string; code: string }) {
  return (
    <View className='ui-code' aria-label={props.label} data-code={props.code}>
      <Text selectable>{props.code.replace(/(.{4})(?=.)/g, '$1 ')}</Text>
    </View>
  );
}
