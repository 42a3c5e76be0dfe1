// What staff can do from a person's page or the roster (issue 4): visit the household, edit tier and flags or
// record a major change, add a household member, capture a new person. Admins manage the system, not people.
import Taro from '@tarojs/taro';
import { useSession } from '../hooks/use-session';
import { ROUTES, withQuery } from '../routes';
import { Button } from './button';
import { Card } from './card';
import { ListRow } from './list-row';

function useWorksWithPeople(): boolean {
  const session = useSession();
  return session.status === 'ok' && ['gridworker', 'cadre', 'officer'].includes(session.me.role);
}

export function PersonActions(props: { person: { _id: string; gridId: string }; household: { _id: string } }) {
  if (!useWorksWithPeople()) return null;
  const go = (url: string) => () => void Taro.navigateTo({ url });
  return (
    <Card title='办理'>
      <ListRow title='走访这一户' meta='全户成员逐项询问，发现问题报镇民政办' onClick={go(withQuery(ROUTES.visit, { householdId: props.household._id }))} />
      <ListRow title='修改信息、记录重大变故' meta='风险等级、类别变动后立即重新安排走访' onClick={go(withQuery(ROUTES.personEdit, { id: props.person._id }))} />
      <ListRow title='转介到有关部门' meta='医疗、教育、住房、就业、司法救助，镇里跟踪结果' onClick={go(withQuery(ROUTES.referralNew, { personId: props.person._id }))} />
      <ListRow title='登记家庭成员' onClick={go(withQuery(ROUTES.capture, { householdId: props.household._id, gridId: props.person.gridId }))} />
    </Card>
  );
}

export function CaptureEntry() {
  if (!useWorksWithPeople()) return null;
  return (
    <Button kind='secondary' block onClick={() => void Taro.navigateTo({ url: ROUTES.capture })}>
      登记新人员
    </Button>
  );
}
