// Who answered for an area, or what a person answered for, and when (网格定人、人员定责).
import { call } from '../client/call';
import { beijingDate } from '../core/calendar';
import { useResult } from '../hooks/use-result';
import { ListRow } from './list-row';
import { Loading } from './states';

export function AssignmentHistory(props: { areaId?: string; userId?: string }) {
  const history = useResult(() => call('admin', 'history', props.areaId ? { areaId: props.areaId } : { userId: props.userId ?? '' }), [props.areaId, props.userId], { keys: [['structure'], ['users']] });
  if (history.status === 'loading') return <Loading />;
  if (history.status === 'error') return null;
  if (history.data.items.length === 0) return <ListRow title='还没有调整记录' meta='从第一次调整起记录每一段负责时间' />;
  return (
    <>
      {history.data.items.map((h) => (
        <ListRow
          key={h._id}
          title={props.areaId ? `${h.userName}（${h.roleLabel}）` : h.areaName}
          meta={`${h.from ? beijingDate(h.from) : '最初'} 至 ${h.to ? beijingDate(h.to) : '今'}${h.moved && (h.moved.plans || h.moved.issues) ? `；移交帮扶计划${h.moved.plans}个、问题${h.moved.issues}个` : ''}`}
        />
      ))}
    </>
  );
}
