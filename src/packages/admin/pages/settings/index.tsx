// 规则设置: the town's local rules, each beside its docs/rules.md default. The admin edits values, sees what will change
// and confirms; a value can go back to its default. Changes apply to the town's work at once (clocks, visits,
// alerts, messages), so saving asks first.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@/core/categories';
import { defaultOf, describeSetting, sameSettingValue, SETTING_FIELDS, SETTING_GROUPS, SUBSCRIPTION_MODE_LABELS, valueAt, type SettingField } from '@/core/settings-edit';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { CheckRow, FormFoot, FormItem, Notice, TextInput } from '@/components/form';
import { SignedInPage } from '@/components/signed-in';
import { ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useResult } from '@/hooks/use-result';
import { HolidayArrangementCard } from './holidays';
import './index.css';

type SettingsView = ActionOutput<'admin', 'settings'>;
/** What the admin has typed or picked: numbers stay text until saved; `null` means "back to the default". */
type Draft = Record<string, string | boolean | Category[] | null>;

const MODE_OPTIONS = Object.entries(SUBSCRIPTION_MODE_LABELS).map(([value, label]) => ({ value, label }));

/** The value a field would be saved with, or an error message for a number that is not one. */
function draftValue(field: SettingField, draft: Draft[string]): { value: unknown } | { error: string } {
  if (draft === null) return { value: defaultOf(field.path) };
  if (field.kind !== 'number') return { value: draft };
  // A figure the town has not entered yet (default null) is cleared by emptying it.
  if (String(draft).trim() === '' && defaultOf(field.path) === null) return { value: null };
  const n = Number(String(draft).trim());
  return String(draft).trim() === '' || !Number.isFinite(n) ? { error: '请填写数字' } : { value: n };
}

function FieldControl(props: { field: SettingField; value: unknown; onChange: (value: Draft[string]) => void }) {
  const { field, value } = props;
  if (field.kind === 'boolean') {
    return (
      <CheckRow checked={value === true} onChange={(on) => props.onChange(on)}>
        启用
      </CheckRow>
    );
  }
  if (field.kind === 'subscriptionMode') {
    return <Chips label={field.label} noAll options={MODE_OPTIONS} value={String(value)} onChange={(v) => v && props.onChange(v)} />;
  }
  if (field.kind === 'categories') {
    const chosen = value as Category[];
    return (
      <View role='group' aria-label={field.label}>
        {CATEGORIES.map((c) => (
          <CheckRow key={c} checked={chosen.includes(c)} onChange={(on) => props.onChange(on ? [...chosen, c] : chosen.filter((x) => x !== c))}>
            {CATEGORY_LABELS[c]}
          </CheckRow>
        ))}
      </View>
    );
  }
  return <TextInput label={field.label} type='digit' value={value === null ? '' : String(value)} placeholder='未填写' onChange={(text) => props.onChange(text)} />;
}

function SettingsForm(props: { view: SettingsView; onSaved: (view: SettingsView, notice: string) => void; onStale: (notice: string) => void }) {
  const { view } = props;
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const current = (field: SettingField) => valueAt(view.settings, field.path);
  const shown = (field: SettingField) => {
    const d = draft[field.path];
    return d === undefined ? current(field) : d === null ? defaultOf(field.path) : d;
  };

  async function save(): Promise<void> {
    const changes: Record<string, unknown> = {};
    const problems: Record<string, string> = {};
    const lines: string[] = [];
    for (const field of SETTING_FIELDS) {
      if (!(field.path in draft)) continue;
      const next = draftValue(field, draft[field.path]!);
      if ('error' in next) {
        problems[field.path] = next.error;
        continue;
      }
      if (sameSettingValue(next.value, current(field))) continue;
      changes[field.path] = draft[field.path] === null ? null : next.value;
      lines.push(`${field.label}：${describeSetting(field, current(field))} → ${describeSetting(field, next.value)}`);
    }
    setErrors(problems);
    if (Object.keys(problems).length) return setError('有的设置填写有误，请按提示修改');
    if (lines.length === 0) return setError('没有修改');
    const sure = await Taro.showModal({ title: '保存规则设置', content: `${lines.join('\n')}\n\n保存后立即用于全镇的办理时限、走访和预警。`, confirmText: '保存', cancelText: '再想想' });
    if (!sure.confirm) return;
    setBusy(true);
    const res = await call('admin', 'updateSettings', { version: view.version, changes: changes as never });
    setBusy(false);
    if (res.ok) {
      setDraft({});
      setError(null);
      props.onSaved(res.data, `已保存 ${res.data.changed.length} 项修改，立即生效`);
      // The notice is at the top; the admin is at the save button at the bottom.
      void Taro.showToast({ title: '已保存', icon: 'success' });
      return;
    }
    if (res.error.code === 'RECORD.CONFLICT') return props.onStale(res.error.message);
    const details = Array.isArray(res.error.details) ? (res.error.details as { path: string; message: string }[]) : [];
    setErrors(Object.fromEntries(details.map((d) => [d.path, d.message])));
    setError(res.error.message);
  }

  return (
    <>
      {view.rejected.length ? (
        <Notice tone='warn'>{`有${view.rejected.length}项已保存的设置无效，正按默认值执行：${view.rejected.join('、')}`}</Notice>
      ) : null}
      {SETTING_GROUPS.map((group) => (
        <Card key={group} title={group}>
          {SETTING_FIELDS.filter((f) => f.group === group).map((field) => {
            const value = shown(field);
            const isDefault = sameSettingValue(value, defaultOf(field.path));
            return (
              <View key={field.path} data-setting={field.path}>
                <FormItem label={field.label} hint={`默认：${describeSetting(field, defaultOf(field.path))}（依据 ${field.rule}）`} error={errors[field.path]}>
                  <FieldControl field={field} value={value} onChange={(v) => setDraft({ ...draft, [field.path]: v })} />
                  <View className='ui-setting-foot'>
                    {isDefault ? <Tag tone='neutral'>默认值</Tag> : <Tag tone='info'>本镇设置</Tag>}
                    {!isDefault ? (
                      <Button kind='plain' onClick={() => setDraft({ ...draft, [field.path]: null })}>
                        恢复默认
                      </Button>
                    ) : null}
                  </View>
                </FormItem>
              </View>
            );
          })}
        </Card>
      ))}
      <FormFoot error={error}>
        <Button block disabled={busy} onClick={() => void save()}>
          保存修改
        </Button>
      </FormFoot>
    </>
  );
}

function Settings() {
  const loaded = useResult(() => call('admin', 'settings', {}), [], { keys: [['settings']] });
  const [notice, setNotice] = useState<{ text: string; tone: 'ok' | 'warn' } | null>(null);
  // A fresh form after each save or reload: what is shown is always what is stored.
  const [generation, setGeneration] = useState(0);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  const onSaved = (view: SettingsView, text: string) => {
    loaded.replace(view);
    setGeneration((n) => n + 1);
    // Intervals, time limits and holidays feed every due date the other pages show.
    invalidate(['visits'], ['person'], ['household'], ['plans'], ['issues'], ['warnings'], ['case'], ['cases']);
    setNotice({ text, tone: 'ok' });
  };
  const onStale = (text: string) => {
    setNotice({ text: `${text}（已载入最新设置）`, tone: 'warn' });
    setGeneration((n) => n + 1);
    loaded.reload();
  };
  return (
    <>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <SettingsForm key={generation} view={loaded.data} onSaved={onSaved} onStale={onStale} />
      <HolidayArrangementCard key={`h${generation}`} view={loaded.data} onSaved={onSaved} onStale={onStale} />
    </>
  );
}

export default function SettingsPage() {
  return <SignedInPage title='规则设置' subtitle='本镇规则，默认值依据法规和省市规定'>{() => <Settings />}</SignedInPage>;
}
