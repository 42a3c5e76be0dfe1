// A Code 39 barcode of a short code (the resident's link code), drawn with Views so WeChat's scanCode can read it
// off the resident's screen at a visit. Narrow 4 / wide 9 design px (ratio 2.25), quiet zones either side.
import { View } from '@tarojs/components';
import { code39 } from '../core/code39';
import './code-display.css';

export function Barcode(props: { label: string; text: string }) {
  return (
    <View className='ui-barcode' role='img' aria-label={props.label}>
      {code39(props.text).map((e, i) => (
        <View key={i} className={`ui-barcode__el${e.bar ? ' ui-barcode__el--bar' : ''}${e.wide ? ' ui-barcode__el--wide' : ''}`} />
      ))}
    </View>
  );
}
