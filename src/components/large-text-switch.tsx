// The 适老化 switch. Built from Views so it taps the same in weapp, H5 and tests.
import { Text, View } from '@tarojs/components';
import { useLargeText } from '../hooks/use-large-text';

export function LargeTextSwitch() {
  const { large, setLarge } = useLargeText();
  return (
    <View
      className={large ? 'ui-switch ui-switch--on' : 'ui-switch'}
      role='switch'
      aria-checked={large ? 'true' : 'false'}
      aria-label='大字模式'
      id='large-text-switch'
      onClick={() => setLarge(!large)}
    >
      <View>
        <Text className='ui-switch__label'>大字模式</Text>
        <Text className='ui-switch__hint'>{large ? '已开启，字更大、按钮更好点' : '字太小？打开试试'}</Text>
      </View>
      <View className='ui-switch__track'>
        <View className='ui-switch__knob' />
      </View>
    </View>
  );
}
