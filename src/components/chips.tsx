// A single-choice filter row. `null` is the "all" option.
import { View } from '@tarojs/components';

export interface ChipOption {
  value: string;
  label: string;
}

export function Chips(props: {
  label: string;
  options: readonly ChipOption[];
  value: string | null;
  allLabel?: string;
  /** A required choice: only the given options, no "all". */
  noAll?: boolean;
  onChange: (value: string | null) => void;
}) {
  const all: ChipOption[] = props.noAll ? [...props.options] : [{ value: '', label: props.allLabel ?? '全部' }, ...props.options];
  return (
    <View className='ui-chips' role='radiogroup' aria-label={props.label}>
      {all.map((option) => {
        const on = (props.value ?? '') === option.value;
        return (
          <View
            key={option.value || '*'}
            className={on ? 'ui-chip ui-chip--on' : 'ui-chip'}
            role='radio'
            aria-checked={on ? 'true' : 'false'}
            onClick={() => props.onChange(option.value || null)}
          >
            {option.label}
          </View>
        );
      })}
    </View>
  );
}
