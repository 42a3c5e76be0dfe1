// RULES §34: next year's holiday arrangement (节假日安排), entered when the State Council publishes it: a year, its
// holiday ranges and its 调休 make-up working days, a preview, and a confirmation. Saving recomputes the open cases'
// due dates on it (the server says how many moved).
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { arrangementFor, arrangementSummary, enterableYears, holidayArrangementSchema, HOLIDAYS_PER_YEAR_MAX, MAKEUP_DAYS_PER_YEAR_MAX, type HolidayArrangement, type HolidayRange } from '@/core/holidays';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { DateInput } from '@/components/date-input';
import { FormFoot, FormItem, TextInput } from '@/components/form';

type SettingsView = ActionOutput<'admin', 'settings'>;

function draftOf(view: SettingsView, year: number): Pick<HolidayArrangement, 'holidays' | 'makeupDays'> {
  const known = arrangementFor(view.settings.holidayArrangements, year);
  return known ? { holidays: known.holidays.map((h) => ({ ...h })), makeupDays: [...known.makeupDays] } : { holidays: [{ name: '元旦', from: '', to: '' }], makeupDays: [] };
}

export function HolidayArrangementCard(props: { view: SettingsView; onSaved: (view: SettingsView, notice: string) => void; onStale: (notice: string) => void }) {
  const [years] = useState(enterableYears); // probes the package's tables: once per form
  const [year, setYear] = useState(years[0]!);
  const [draft, setDraft] = useState(() => draftOf(props.view, years[0]!));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const entered = arrangementFor(props.view.settings.holidayArrangements, year);

  const setHoliday = (i: number, patch: Partial<HolidayRange>) => setDraft({ ...draft, holidays: draft.holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  const setMakeup = (i: number, date: string) => setDraft({ ...draft, makeupDays: draft.makeupDays.map((d, j) => (j === i ? date : d)) });

  async function save(): Promise<void> {
    const arrangement = { year, holidays: draft.holidays, makeupDays: draft.makeupDays.filter((d) => d !== '') };
    const checked = holidayArrangementSchema.safeParse(arrangement);
    if (!checked.success) return setError(checked.error.issues[0]!.message);
    const summary = arrangementSummary(checked.data);
    const sure = await Taro.showModal({
      title: `保存${year}年节假日安排`,
      content: `${summary}\n\n请与国务院办公厅公布的安排逐日核对。保存后，正在办理的案件期限将按此重新计算。`,
      confirmText: '保存',
      cancelText: '再核对',
    });
    if (!sure.confirm) return;
    setBusy(true);
    const res = await call('admin', 'saveHolidayArrangement', { version: props.view.version, arrangement: checked.data });
    setBusy(false);
    if (res.ok) {
      setError(null);
      const { done, moved } = res.data.recompute;
      props.onSaved(res.data, `已保存${summary}；${done ? `${moved}个办理中案件的期限已重新计算` : '办理中案件的期限正在重新计算'}`);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      return;
    }
    if (res.error.code === 'RECORD.CONFLICT') return props.onStale(res.error.message);
    setError(res.error.message);
  }

  return (
    <Card title='节假日安排'>
      <View data-setting='holidayArrangements'>
        <FormItem label='年份' hint={entered ? '已录入，可修改后重新保存' : '尚未录入：该年的工作日按周一至周五估算，日期可能变动（依据 §34）'}>
          <Chips
            label='年份'
            noAll
            options={years.map((y) => ({ value: String(y), label: `${y}年` }))}
            value={String(year)}
            onChange={(v) => {
              if (!v) return;
              setYear(Number(v));
              setDraft(draftOf(props.view, Number(v)));
              setError(null);
            }}
          />
        </FormItem>
        {draft.holidays.map((h, i) => (
          <FormItem key={`h${i}`} label={`法定假日 ${i + 1}`}>
            <TextInput label={`假日名称 ${i + 1}`} value={h.name} placeholder='如：元旦' onChange={(name) => setHoliday(i, { name })} />
            <DateInput label={`放假开始 ${i + 1}`} value={h.from} placeholder='放假开始日期' onChange={(from) => setHoliday(i, { from, to: h.to || from })} />
            <DateInput label={`放假结束 ${i + 1}`} value={h.to} placeholder='放假结束日期' onChange={(to) => setHoliday(i, { to })} />
            {draft.holidays.length > 1 ? (
              <Button kind='plain' onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((_, j) => j !== i) })}>
                删除此假日
              </Button>
            ) : null}
          </FormItem>
        ))}
        {draft.holidays.length < HOLIDAYS_PER_YEAR_MAX ? (
          <Button kind='plain' onClick={() => setDraft({ ...draft, holidays: [...draft.holidays, { name: '', from: '', to: '' }] })}>
            添加假日
          </Button>
        ) : null}
        {draft.makeupDays.map((d, i) => (
          <FormItem key={`m${i}`} label={`调休上班 ${i + 1}`}>
            <DateInput label={`调休上班日 ${i + 1}`} value={d} placeholder='调休上班的周六或周日' onChange={(date) => setMakeup(i, date)} />
            <Button kind='plain' onClick={() => setDraft({ ...draft, makeupDays: draft.makeupDays.filter((_, j) => j !== i) })}>
              删除此调休日
            </Button>
          </FormItem>
        ))}
        {draft.makeupDays.length < MAKEUP_DAYS_PER_YEAR_MAX ? (
          <Button kind='plain' onClick={() => setDraft({ ...draft, makeupDays: [...draft.makeupDays, ''] })}>
            添加调休上班日
          </Button>
        ) : null}
        <FormItem label='预览'>
          <View>{arrangementSummary({ year, ...draft })}</View>
        </FormItem>
        <FormFoot error={error}>
          <Button block disabled={busy} onClick={() => void save()}>
            保存节假日安排
          </Button>
        </FormFoot>
      </View>
    </Card>
  );
}
