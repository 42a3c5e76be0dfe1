// 数据看板 (town office), 村情概览 (village cadre), 网格概览 (gridworker): the figures of the viewer's area, each a
// number on the page and, where a shape helps, an F2 chart of the same numbers (issue 12).
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '@/client/call';
import { Card } from '@/components/card';
import { ChartView } from '@/components/chart';
import { Chips } from '@/components/chips';
import { formatTime } from '@/components/format-time';
import { ErrorState, Loading } from '@/components/states';
import { SignedInPage } from '@/components/signed-in';
import { CATEGORIES, CATEGORY_LABELS } from '@/core/categories';
import { CASE_STATE_LABELS } from '@/core/cases/states';
import { DASHBOARD_LEVEL_LABELS, type Dashboard } from '@/core/reports';
import type { Role } from '@/core/roles';
import { useResult } from '@/hooks/use-result';
import { useSession, type Me } from '@/hooks/use-session';
import '../../reports-style';

const TITLES: Partial<Record<Role, string>> = { officer: '数据看板', cadre: '村情概览', gridworker: '网格概览' };
const DEFAULT_TITLE = '数据看板';

function Figure(props: { label: string; value: number; warn?: boolean }) {
  return (
    <View className='rp-figure'>
      <Text className={props.warn && props.value > 0 ? 'rp-figure__value rp-figure__value--warn' : 'rp-figure__value'}>{props.value}</Text>
      <Text className='rp-figure__label'>{props.label}</Text>
    </View>
  );
}

function Figures(props: { d: Dashboard }) {
  const { d } = props;
  const present = CATEGORIES.filter((c) => d.persons.byCategory[c] > 0);
  return (
    <>
      <Card title={`${DASHBOARD_LEVEL_LABELS[d.level]}办件与时限`}>
        <View className='rp-figures'>
          <Figure label='在办件' value={d.openCases.total} />
          <Figure label='本月主动发现' value={d.newDiscoveries} />
          <Figure label='时限将到' value={d.clocks.dueSoon} warn />
          <Figure label='已超时限' value={d.clocks.breached} warn />
        </View>
        {d.openCases.byState.length ? (
          <ChartView label='在办件按环节' data={{ kind: 'bars', items: d.openCases.byState.map((s) => ({ label: CASE_STATE_LABELS[s.state], value: s.count })) }} />
        ) : null}
      </Card>
      <Card title='走访、问题与点名'>
        <View className='rp-figures'>
          <Figure label='逾期未走访' value={d.overdueVisits} warn />
          <Figure label='未办结问题' value={d.issues.unresolved} />
          <Figure label='超期问题' value={d.issues.overdue} warn />
          <Figure label='进行中的点名' value={d.openAlerts} />
        </View>
      </Card>
      <Card title='核查复核'>
        <View className='rp-figures'>
          <Figure label='待入户复核' value={d.rechecks.open} />
          <Figure label='复核超期' value={d.rechecks.overdue} warn />
          <Figure label='已复核' value={d.rechecks.done} />
        </View>
      </Card>
      <Card title='人员分类'>
        <View className='rp-figures'>
          <Figure label='花名册人数' value={d.persons.total} />
          {present.map((c) => (
            <Figure key={c} label={CATEGORY_LABELS[c]} value={d.persons.byCategory[c]} />
          ))}
        </View>
        {present.length ? <ChartView label='人员分类' data={{ kind: 'bars', items: present.map((c) => ({ label: CATEGORY_LABELS[c], value: d.persons.byCategory[c] })) }} /> : null}
      </Card>
      <Card title='近12个月'>
        <ChartView
          label='近12个月新办件、主动发现和走访'
          data={{
            kind: 'lines',
            x: d.trends.months,
            series: [
              { name: '新办件', values: d.trends.cases },
              { name: '主动发现', values: d.trends.discoveries },
              { name: '走访', values: d.trends.visits },
            ],
          }}
        />
        <Text className='rp-note'>
          本月新办件 {d.trends.cases.at(-1)} 件，主动发现 {d.trends.discoveries.at(-1)} 件，走访 {d.trends.visits.at(-1)} 次
        </Text>
      </Card>
      <Text className='rp-note'>
        {d.countedAt ? `人员分类、逾期走访和近12个月统计于 ${formatTime(d.countedAt)}，每小时更新` : '人员分类、逾期走访和近12个月尚未统计，每小时统计一次'}
      </Text>
    </>
  );
}

function DashboardView(props: { me: Me }) {
  const [villageId, setVillageId] = useState<string | null>(null);
  const officer = props.me.role === 'officer';
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: TITLES[props.me.role] ?? DEFAULT_TITLE });
  }, [props.me.role]);
  const villages = useResult(() => (officer ? call('session', 'areas', {}) : Promise.resolve({ ok: true as const, data: [] })), [officer]);
  const dashboard = useResult(() => call('reports', 'dashboard', villageId ? { villageId } : {}), [villageId], { keys: [['reports'], ['cases'], ['visits'], ['people']] });
  return (
    <>
      {officer && villages.status === 'ok' ? (
        <Chips label='范围' allLabel='全镇' options={villages.data.map((v) => ({ value: v._id, label: v.name }))} value={villageId} onChange={setVillageId} />
      ) : null}
      {dashboard.status === 'loading' ? <Loading /> : null}
      {dashboard.status === 'error' ? <ErrorState error={dashboard.error} onRetry={dashboard.reload} /> : null}
      {dashboard.status === 'ok' ? <Figures d={dashboard.data} /> : null}
    </>
  );
}

export default function DashboardPage() {
  const session = useSession();
  const title = (session.status === 'ok' && TITLES[session.me.role]) || DEFAULT_TITLE;
  return <SignedInPage title={title}>{(me) => <DashboardView me={me} />}</SignedInPage>;
}
