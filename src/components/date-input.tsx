// A date field of the case and monitoring forms. Its own module, not form.tsx: the calendar it reads "today" from
// carries the holiday tables, which the main package's pages (sign-in, bind) must not pull in.
import { Picker, View } from '@tarojs/components';
import { beijingDate } from '../core/calendar';
import { Button } from './button';
import './form.css';

/**
 * A 'YYYY-MM-DD' date chosen in the system's date picker (no typing, so no malformed dates), '' while none is chosen.
 * The picker opens on today when empty; an optional date can be cleared again.
 */
export function DateInput(props: { label: string; value: string; onChange: (value: string) => void; placeholder?: string }) {
  return (
    <View className='ui-date'>
      <Picker mode='date' value={props.value || beijingDate(Date.now())} aria-label={props.label} onChange={(e) => props.onChange(e.detail.value)}>
        <View className={props.value ? 'ui-input' : 'ui-input ui-input--empty'}>{props.value || props.placeholder || '请选择日期'}</View>
      </Picker>
      {props.value ? (
        <Button kind='plain' onClick={() => props.onChange('')}>
          清除
        </Button>
      ) : null}
    </View>
  );
}
