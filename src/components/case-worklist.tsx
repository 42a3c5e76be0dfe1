// Open cases in the caller's scope, earliest due first: tabs 全部 / 将到期 / 已超期 with their counts, filters by
// kind, state and (town office) village or (several grids) grid, cursor paging. Serves the town office's 待办工作台
// and the gridworker's and cadre's cases of their grids.
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, type ActionInput, type ActionOutput } from '../client/call';
import { CASE_KIND_LABELS, CASE_KINDS, CASE_STATE_LABELS, CASE_STATES, isOpenState, TEKUN_SPOT_CHECK_MIN_SHARE, type CaseKind, type CaseState } from '../core/cases';
import type { Role } from '../core/roles';
import { usePaged } from '../hooks/use-paged';
import { useStable } from '../hooks/use-stable';
import type { Me } from '../hooks/use-session';
import { caseRoute, withQuery } from '../routes';
import { Card } from './card';
import { Button } from './button';
import { CaseRow } from './case-view';
import { Chips, type ChipOption } from './chips';
import { Notice } from './form';
import { PagedList } from './paged-list';

type WorklistInput = ActionInput<'cases', 'worklist'>;
type WorklistOutput = ActionOutput<'cases', 'worklist'>;
export type WorklistItem = WorklistOutput['items'][number];
type Due = NonNullable<WorklistInput['due']>;

const PAGE_SIZE = 20;
const TABS: { due: Due; label: string; count: keyof WorklistOutput['counts'] }[] = [
  { due: 'all', label: '全部', count: 'total' },
  { due: 'dueSoon', label: '将到期', count: 'dueSoon' },
  { due: 'overdue', label: '已超期', count: 'overdue' },
];
const KIND_OPTIONS: ChipOption[] = CASE_KINDS.map((kind) => ({ value: kind, label: CASE_KIND_LABELS[kind] }));
const STATE_OPTIONS: ChipOption[] = CASE_STATES.filter(isOpenState).map((state) => ({ value: state, label: CASE_STATE_LABELS[state] }));

export function openCase(role: Role, caseId: string): void {
  void Taro.navigateTo({ url: withQuery(caseRoute(role), { id: caseId }) });
}

/** The places this user may narrow the list to: the town office's villages, a gridworker's several grids. */
function usePlaces(me: Me): { label: string; key: 'villageId' | 'gridId'; options: ChipOption[] } | null {
  const [villages, setVillages] = useState<ChipOption[]>([]);
  const isOfficer = me.role === 'officer';
  useEffect(() => {
    if (!isOfficer) return undefined;
    let live = true;
    call('admin', 'structure', {}).then((result) => {
      // Without the structure the list still works; only the village filter is left out.
      if (live && result.ok) setVillages(result.data.map((v) => ({ value: v._id, label: v.name })));
    });
    return () => {
      live = false;
    };
  }, [isOfficer]);
  if (isOfficer) return villages.length ? { label: '村', key: 'villageId', options: villages } : null;
  if (me.role === 'gridworker' && me.grids.length > 1) return { label: '网格', key: 'gridId', options: me.grids.map((g) => ({ value: g._id, label: g.name })) };
  return null;
}

/** A worklist query, paged by its cursor; `last.counts` feeds the tabs. */
export function useWorklist(query: Omit<WorklistInput, 'after' | 'limit'>) {
  const stable = useStable(query);
  return usePaged((after: WorklistOutput['next']) => call('cases', 'worklist', { ...stable, limit: PAGE_SIZE, ...(after ? { after } : {}) }), [stable], {
    keys: [['cases']],
  });
}

/** Cases as rows that open the case page of the viewer's role. */
export function CaseList(props: { list: ReturnType<typeof useWorklist>; role: Role; empty: string; extra?: (item: WorklistItem) => string | undefined }) {
  return (
    <PagedList
      paged={props.list}
      empty={props.empty}
      row={(item: WorklistItem) => <CaseRow key={item._id} item={item} extra={props.extra?.(item)} onClick={() => openCase(props.role, item._id)} />}
    />
  );
}

export function CaseWorklist(props: { me: Me; title: string }) {
  const { me } = props;
  const places = usePlaces(me);
  const [due, setDue] = useState<Due>('all');
  const [kind, setKind] = useState<CaseKind | null>(null);
  const [state, setState] = useState<CaseState | null>(null);
  const [place, setPlace] = useState<string | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filterSummary = [
    place && places ? places.options.find((o) => o.value === place)?.label : null,
    kind ? CASE_KIND_LABELS[kind] : null,
    state ? CASE_STATE_LABELS[state] : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const list = useWorklist({
    due,
    ...(kind ? { kind } : {}),
    ...(state ? { state } : {}),
    ...(place && places ? { [places.key]: place } : {}),
  });

  return (
    <View>
      <View className='ui-tabs' role='tablist' aria-label='到期情况'>
        {TABS.map((tab) => (
          <View
            key={tab.due}
            className={due === tab.due ? 'ui-tab ui-tab--on' : 'ui-tab'}
            role='tab'
            aria-selected={due === tab.due ? 'true' : 'false'}
            data-tab={tab.due}
            onClick={() => setDue(tab.due)}
          >
            <Text className='ui-tab__count'>{list.last ? list.last.counts[tab.count] : '–'}</Text>
            <Text>{tab.label}</Text>
          </View>
        ))}
      </View>
      <Card>
        <View className='ui-field'>
          <Text className='ui-field__value'>{`筛选：${filterSummary || '全部'}`}</Text>
          <Button kind='plain' onClick={() => setFiltersOpen(!filtersOpen)}>
            {filtersOpen ? '收起' : '更改'}
          </Button>
        </View>
        {filtersOpen ? (
          <View>
            {places ? <Chips label={places.label} allLabel={`全部${places.label}`} options={places.options} value={place} onChange={setPlace} /> : null}
            <Chips label='类别' allLabel='全部类别' options={KIND_OPTIONS} value={kind} onChange={(v) => setKind(v as CaseKind | null)} />
            <Chips label='环节' allLabel='全部环节' options={STATE_OPTIONS} value={state} onChange={(v) => setState(v as CaseState | null)} />
          </View>
        ) : null}
      </Card>
      {list.last?.spotCheck?.below ? (
        <Notice tone='warn'>
          {`县级对本镇特困档案的抽查比例为 ${Math.round((list.last.spotCheck.share ?? 0) * 100)}%（${list.last.spotCheck.sampled}/${list.last.spotCheck.reviewed}），低于规定的${TEKUN_SPOT_CHECK_MIN_SHARE * 100}%，请提请县级民政部门抽查。`}
        </Notice>
      ) : null}
      <Card title={props.title}>
        <CaseList list={list} role={me.role} empty={due === 'all' ? '没有在办的事项' : due === 'dueSoon' ? '没有将到期的事项' : '没有超期的事项'} />
      </Card>
    </View>
  );
}
