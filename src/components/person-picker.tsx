// Who a worker files for: a person from the roster of their grids (paged), or someone not on the roster yet, by
// name and the grid where they are. The choice is plain data, so a form draft can keep it.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '../client/call';
import { usePaged } from '../hooks/use-paged';
import type { Me } from '../hooks/use-session';
import { ROUTES } from '../routes';
import { Button } from './button';
import { Chips } from './chips';
import { FormItem, TextInput } from './form';
import { useGridChoices } from './grid-options';
import { PagedList } from './paged-list';
import { PersonRow } from './person-tags';

export interface ChosenPerson {
  /** A roster person; absent for someone not on the roster. */
  personId?: string;
  name: string;
  /** Where someone not on the roster is (required for them). */
  gridId?: string;
}

type RosterPerson = ActionOutput<'people', 'list'>['items'][number];

const PAGE_SIZE = 20;

function RosterChooser(props: { onPick: (person: RosterPerson) => void }) {
  const roster = usePaged((after: string | null) => call('people', 'list', { limit: PAGE_SIZE, ...(after ? { after } : {}) }), [], { keys: [['people']] });
  return (
    <View data-roster-chooser=''>
      <PagedList
        paged={roster}
        empty='花名册里还没有人员'
        row={(person: RosterPerson) => (
          <PersonRow key={person._id} person={person} meta={person.phone ? `电话 ${person.phone}` : undefined} onClick={() => props.onPick(person)} />
        )}
      />
    </View>
  );
}

export function PersonPicker(props: { me: Me; value: ChosenPerson | null; onChange: (value: ChosenPerson | null) => void; error?: string | null }) {
  const { value, onChange } = props;
  const [mode, setMode] = useState<'roster' | 'newcomer'>(value && !value.personId ? 'newcomer' : 'roster');
  const grids = useGridChoices(props.me, { villageNames: true });

  if (value?.personId) {
    return (
      <FormItem label='申请人' required error={props.error}>
        <View className='ui-field' data-chosen-person={value.personId}>
          <Text className='ui-field__value'>{`${value.name}（花名册）`}</Text>
          <Button kind='plain' onClick={() => onChange(null)}>
            更换
          </Button>
        </View>
      </FormItem>
    );
  }

  return (
    <FormItem label='申请人' required error={props.error}>
      <Chips
        label='申请人来源'
        noAll
        options={[
          { value: 'roster', label: '从花名册选择' },
          { value: 'newcomer', label: '不在花名册上' },
        ]}
        value={mode}
        onChange={(v) => {
          setMode(v === 'newcomer' ? 'newcomer' : 'roster');
          onChange(null);
        }}
      />
      {mode === 'roster' ? (
        <RosterChooser onPick={(person) => onChange({ personId: person._id, name: person.name })} />
      ) : (
        <View>
          <TextInput label='姓名' placeholder='姓名' value={value?.name ?? ''} onChange={(name) => onChange({ name, gridId: value?.gridId })} />
          <Chips label='所在网格' noAll options={grids} value={value?.gridId ?? null} onChange={(gridId) => onChange({ name: value?.name ?? '', gridId: gridId ?? undefined })} />
          <Text className='ui-plain'>常住的困难群众请先登记到花名册（按身份证号、姓名和电话查重），再回来从花名册选择；已填的内容会保留。</Text>
          <Button kind='plain' onClick={() => void Taro.navigateTo({ url: ROUTES.capture })}>
            登记到花名册
          </Button>
        </View>
      )}
    </FormItem>
  );
}

/** The create payload's placement for a chosen person; null with the reason when the choice is incomplete. */
export function placementOf(person: ChosenPerson | null): { personId: string } | { gridId: string } | string {
  if (!person) return '请选择申请人';
  if (person.personId) return { personId: person.personId };
  if (!person.name.trim()) return '请填写申请人姓名';
  if (!person.gridId) return '请选择申请人所在网格';
  return { gridId: person.gridId };
}

/** RULES §29: an unrostered applicant's ID number, from which the server judges a minor (a roster person's is the roster's). */
export function unrosteredId(draft: { person: ChosenPerson | null; idNumber: string }): { idNumber?: string } {
  const id = draft.idNumber.trim();
  return draft.person && !draft.person.personId && id ? { idNumber: id } : {};
}
