// The 适老化 switch.
import { useLargeText } from '../hooks/use-large-text';
import { SwitchRow } from './switch-row';

export function LargeTextSwitch() {
  const { large, setLarge } = useLargeText();
  return <SwitchRow id='large-text-switch' label='大字模式' hint={large ? '已开启，字更大、按钮更好点' : '字太小？打开试试'} on={large} onChange={setLarge} />;
}
