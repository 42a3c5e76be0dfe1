// 花名册 (底数清): the special groups within the caller's area, filtered by category and grid,
// paged by cursor ("加载更多" asks for the records after the last one shown).
import { useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { call, type ActionOutput } from '@/client/call';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@/core/categories';
import { Card } from '@/components/card';
import { Chips, type ChipOption } from '@/components/chips';
import { PageFrame } from '@/components/page-frame';
import { PagedList } from '@/components/paged-list';
import { CaptureEntry } from '@/components/person-actions';
import { PersonRow } from '@/components/person-tags';
import { ErrorState, Loading } from '@/components/states';
import { usePaged } from '@/hooks/use-paged';
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
function useArea(me: Me): Area {
  const [structure, setStructure] = useState<Structure | null>(null);
  const needsStructure = me.role !== 'gridworker';

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

function Roster(props: { me: Me }) {
  const { me } = props;
  const area = useArea(me);
  const [filters, setFilters] = useState<Filters>({ category: null, villageId: null, gridId: null });
  // Working down a long roster: coming back from a person keeps the pages already loaded.
  const paged = usePaged(
    (after: string | null) =>
      call('people', 'list', {
        limit: PAGE_SIZE,
        ...(filters.category ? { category: filters.category } : {}),
        ...(filters.villageId ? { villageId: filters.villageId } : {}),
        ...(filters.gridId ? { gridId: filters.gridId } : {}),
        ...(after ? { after } : {}),
      }),
    [filters],
    // A save elsewhere (a tier, a member) still reloads it: see src/client/invalidate.ts.
    { reloadOnShow: false, keys: [['people']] },
  );
  const grids = gridChoices(area, filters);

  return (
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
          <Chips label='网格' allLabel='全部网格' options={grids} value={filters.gridId} onChange={(gridId) => setFilters((f) => ({ ...f, gridId }))} />
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
      <Card title={`人员 ${paged.items.length}${paged.next ? '+' : ''}`}>
        <PagedList
          paged={paged}
          empty='这个范围内还没有登记的人员'
          row={(person: RosterPerson) => (
            <PersonRow
              key={person._id}
              person={person}
              meta={person.phone ? `电话 ${person.phone}` : '未留电话'}
              onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.person, { id: person._id }) })}
            />
          )}
        />
      </Card>
    </>
  );
}

export default function RosterPage() {
  const session = useSession();
  const me = session.status === 'ok' ? session.me : null;
  return (
    <PageFrame title='花名册' subtitle={me ? `${me.roleLabel} · 可查看范围内的重点人群` : undefined}>
      {session.status === 'loading' ? <Loading /> : null}
      {session.status === 'error' ? <ErrorState error={session.error} onRetry={session.reload} /> : null}
      {me ? <Roster me={me} /> : null}
    </PageFrame>
  );
}
