// 花名册 (底数清): the special groups within the caller's area, filtered by category and grid,
// paged by cursor ("加载更多" asks for the records after the last one shown).
import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@/core/categories';
import type { AppError } from '@/core/errors';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips, type ChipOption } from '@/components/chips';
import { ListRow } from '@/components/list-row';
import { PageFrame } from '@/components/page-frame';
import { CaptureEntry } from '@/components/person-actions';
import { PersonTags } from '@/components/person-tags';
import { Empty, ErrorState, Loading } from '@/components/states';
import { useSession, type Me } from '@/hooks/use-session';
import { ROUTES, withQuery } from '@/routes';

type RosterPerson = ActionOutput<'people', 'list'>['items'][number];
type Structure = ActionOutput<'admin', 'structure'>;

const PAGE_SIZE = 20;
const CATEGORY_OPTIONS: ChipOption[] = CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));

interface Filters {
  category: Category | null;
  villageId: string | null;
  gridId: string | null;
}

interface Area {
  villages: ChipOption[];
  /** Grids by village id; gridworkers' own grids sit under the key ''. */
  grids: Record<string, ChipOption[]>;
}

/** The villages and grids this user may filter by: a gridworker's grids, otherwise from the town structure. */
function useArea(me: Me | null): Area {
  const [structure, setStructure] = useState<Structure | null>(null);
  const needsStructure = me !== null && me.role !== 'gridworker';

  useEffect(() => {
    if (!needsStructure) return undefined;
    let live = true;
    call('admin', 'structure', {}).then((result) => {
      // Without the structure the roster still works; only the grid filter is left out.
      if (live && result.ok) setStructure(result.data);
    });
    return () => {
      live = false;
    };
  }, [needsStructure]);

  return useMemo(() => {
    if (!me) return { villages: [], grids: {} };
    if (me.role === 'gridworker') return { villages: [], grids: { '': me.grids.map((g) => ({ value: g._id, label: g.name })) } };
    const mine = new Set(me.villages.map((v) => v._id));
    const villages = (structure ?? []).filter((v) => me.role !== 'cadre' || mine.has(v._id));
    const grids: Record<string, ChipOption[]> = {};
    for (const village of villages) grids[village._id] = village.grids.map((g) => ({ value: g._id, label: g.name }));
    return { villages: villages.map((v) => ({ value: v._id, label: v.name })), grids };
  }, [me, structure]);
}

function gridChoices(area: Area, filters: Filters): ChipOption[] {
  if (area.grids['']) return area.grids[''];
  const villageId = filters.villageId ?? (area.villages.length === 1 ? area.villages[0].value : null);
  return villageId ? (area.grids[villageId] ?? []) : [];
}

export default function RosterPage() {
  const session = useSession();
  const me = session.status === 'ok' ? session.me : null;
  const area = useArea(me);
  const [filters, setFilters] = useState<Filters>({ category: null, villageId: null, gridId: null });
  const [items, setItems] = useState<RosterPerson[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  // Answers to an older filter must not land in the list of a newer one.
  const generation = useRef(0);

  async function load(after: string | null): Promise<void> {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    const result = await call('people', 'list', {
      limit: PAGE_SIZE,
      ...(filters.category ? { category: filters.category } : {}),
      ...(filters.villageId ? { villageId: filters.villageId } : {}),
      ...(filters.gridId ? { gridId: filters.gridId } : {}),
      ...(after ? { after } : {}),
    });
    if (mine !== generation.current) return;
    setLoading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setItems((shown) => (after ? [...shown, ...result.data.items] : result.data.items));
    setNext(result.data.next);
  }

  useEffect(() => {
    if (!me) return;
    setItems([]);
    setNext(null);
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload exactly when the filters or the user change
  }, [me, filters]);

  const grids = gridChoices(area, filters);

  return (
    <PageFrame title='花名册' subtitle={me ? `${me.roleLabel} · 可查看范围内的重点人群` : undefined}>
      {session.status === 'loading' ? <Loading /> : null}
      {session.status === 'error' ? <ErrorState error={session.error} onRetry={session.reload} /> : null}
      {me ? (
        <>
          <Card>
            {area.villages.length > 1 ? (
              <Chips
                label='村'
                allLabel='全部村'
                options={area.villages}
                value={filters.villageId}
                onChange={(villageId) => setFilters((f) => ({ ...f, villageId, gridId: null }))}
              />
            ) : null}
            {grids.length > 1 ? (
              <Chips
                label='网格'
                allLabel='全部网格'
                options={grids}
                value={filters.gridId}
                onChange={(gridId) => setFilters((f) => ({ ...f, gridId }))}
              />
            ) : null}
            <Chips
              label='类别'
              allLabel='全部类别'
              options={CATEGORY_OPTIONS}
              value={filters.category}
              onChange={(category) => setFilters((f) => ({ ...f, category: category as Category | null }))}
            />
          </Card>
          <CaptureEntry />
          <Card title={`人员 ${items.length}${next ? '+' : ''}`}>
            {items.map((person) => (
              <ListRow
                key={person._id}
                title={person.name}
                meta={person.phone ? `电话 ${person.phone}` : '未留电话'}
                tags={<PersonTags categories={person.categories} riskTier={person.riskTier} keyHousehold={person.keyHousehold} />}
                onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.person, { id: person._id }) })}
              />
            ))}
            {!loading && !error && items.length === 0 ? <Empty text='这个范围内还没有登记的人员' /> : null}
            {error ? <ErrorState error={error} onRetry={() => void load(items.length ? next : null)} /> : null}
            {loading ? <Loading /> : null}
            {!loading && !error && next ? (
              <View className='ui-state__action'>
                <Button kind='secondary' block onClick={() => void load(next)}>
                  加载更多
                </Button>
              </View>
            ) : null}
          </Card>
        </>
      ) : null}
    </PageFrame>
  );
}
