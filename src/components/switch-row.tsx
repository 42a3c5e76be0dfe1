// An on/off row: label, optional hint, and a track with a knob. Built from Views so it taps the same in weapp, H5
// and tests.
import { Text, View } from '@tarojs/components';

export function SwitchRow(props: { label: string; hint?: string; on: boolean; onChange: (on: boolean) => void; id?: string }) {
  return (
    <View
      className={props.on ? 'ui-switch ui-switch--on' : 'ui-switch'}
      role='switch'
      aria-checked={props.on ? 'true' : 'false'}
      aria-label={props.label}
      id={props.id}
      onClick={() => props.onChange(!props.on)}
    >
      <View>
        <Text className='ui-switch__label'>{props.label}</Text>
        {props.hint ? <Text className='ui-switch__hint'>{props.hint}</Text> : null}
      </View>
      <View className='ui-switch__track'>
        <View className='ui-switch__knob' />
      </View>
    </View>
  );
}
