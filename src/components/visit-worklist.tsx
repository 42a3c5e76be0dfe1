// The visit worklist (issues 4, 15): households due in one bucket (overdue / today / the next 7 days / later — every
// due date is in one), earliest first, with the counts of each bucket; the village cadre picks a grid and the town
// office a village by their counts.
import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '../client/call';
import { CATEGORY_LABELS } from '../core/categories';
import { dueText } from '../core/visits/person-schedule';
import { VISIT_BUCKET_LABELS, VISIT_BUCKETS, type VisitBucket } from '../core/visits/schedule';
import { usePaged } from '../hooks/use-paged';
import { useResult } from '../hooks/use-result';
import type { Me } from '../hooks/use-session';
import { ROUTES, withQuery } from '../routes';
import { Card } from './card';
import { Chips, type ChipOption } from './chips';
import { ListRow } from './list-row';
import { PagedList } from './paged-list';
import { HouseholdFlags, RiskTag } from './person-tags';
import { Tag } from './tag';
import './visits.css';

type Bucket = VisitBucket;
type Worklist = ActionOutput<'visits', 'worklist'>;
type DueHousehold = Worklist['households'][number];
const EMPTY: Record<Bucket, string> = {
  overdue: '没有逾期未走访的家庭',
  today: '今天没有到期的走访',
  nextSevenDays: '7天内没有到期的走访',
  later: '没有更晚到期的走访',
};
const PAGE_SIZE = 30;

function HouseholdRow(props: { household: DueHousehold; now: number }) {
  const h = props.household;
  return (
    <ListRow
      title={`${h.headName || '未知'}户`}
      meta={`${dueText(h.dueAt, props.now)} · ${h.address}`}
      tags={
        <>
          {h.bucket === 'overdue' ? <Tag tone='danger'>{VISIT_BUCKET_LABELS.overdue}</Tag> : null}
          <HouseholdFlags keyHousehold={h.keyHousehold} />
          {h.members.map((m) => (
            <View key={m._id} className='ui-member'>
              <Text>{`${m.name}（${m.relation || '成员'}）`}</Text>
              <RiskTag tier={m.riskTier} />
              {m.categories.slice(0, 2).map((c) => (
                <Tag key={c} tone='info'>
                  {CATEGORY_LABELS[c]}
                </Tag>
              ))}
            </View>
          ))}
        </>
      }
      onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.visit, { householdId: h.householdId }) })}
    />
  );
}

/** Counts per grid (cadre) or per village (office): tapping one narrows the list to it. */
function AreaPicker(props: { me: Me; value: string | null; onChange: (id: string | null) => void }) {
  const summary = useResult(() => call('visits', 'summary', {}), [], { keys: [['visits']] });
  if (summary.status !== 'ok' || summary.data.rows.length < 2) return null;
  const options: ChipOption[] = summary.data.rows.map((r) => ({ value: r.id, label: `${r.name} 逾期${r.overdue}` }));
  const label = summary.data.rows[0]!.kind === 'village' ? '村' : '网格';
  return <Chips label={label} allLabel={props.me.role === 'officer' ? '全镇' : '全村'} options={options} value={props.value} onChange={props.onChange} />;
}

export function VisitWorklist(props: { me: Me; bucket?: Bucket }) {
  const { me } = props;
  // The plan opens on today's visits; the overdue ones are one tap away (and the whole of 逾期清单).
  const [bucket, setBucket] = useState<Bucket>(props.bucket ?? 'today');
  const [area, setArea] = useState<string | null>(null);
  const areaKey = me.role === 'officer' ? 'villageId' : 'gridId';
  const paged = usePaged(
    (after: string | null) =>
      call('visits', 'worklist', { bucket, limit: PAGE_SIZE, ...(area ? { [areaKey]: area } : {}), ...(after ? { after } : {}) }).then((r) =>
        r.ok ? { ok: true as const, data: { ...r.data, items: r.data.households } } : r,
      ),
    [bucket, area, areaKey],
    { keys: [['visits']] },
  );
  // Counts come with the first page only; later pages keep showing them.
  const countsRef = useRef<Worklist['counts']>(null);
  if (paged.last?.counts) countsRef.current = paged.last.counts;
  const counts = countsRef.current;
  const now = Date.now();
  const bucketOptions: ChipOption[] = VISIT_BUCKETS.map((b) => ({ value: b, label: counts ? `${VISIT_BUCKET_LABELS[b]} ${counts[b]}` : VISIT_BUCKET_LABELS[b] }));

  return (
    <>
      {me.role === 'gridworker' && props.bucket ? null : (
        <Card>
          {me.role === 'gridworker' ? null : <AreaPicker me={me} value={area} onChange={setArea} />}
          {props.bucket ? null : <Chips label='到期' noAll options={bucketOptions} value={bucket} onChange={(v) => setBucket((v as Bucket | null) ?? 'today')} />}
        </Card>
      )}
      <Card title={props.bucket ? `逾期未走访 ${counts ? counts.overdue : ''}人` : `${VISIT_BUCKET_LABELS[bucket]}的家庭`}>
        <PagedList paged={paged} empty={EMPTY[bucket]} row={(h: DueHousehold) => <HouseholdRow key={`${h.householdId}:${h.dueAt}`} household={h} now={now} />} />
      </Card>
    </>
  );
}
