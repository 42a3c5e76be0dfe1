// 用户与角色 (issue 4): staff by role with the grids or villages they answer for; add a person by their WeChat
// OPENID; give a gridworker a grid or a cadre a village — whoever had it hands it over with its open work, and the
// history keeps who was responsible when.
import { useState } from 'react';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { newRequestId } from '@/client/request-id';
import { ROLE_LABELS, STAFF_ROLES, type Role } from '@/core/roles';
import { AssignmentHistory } from '@/components/assignment-history';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { FormFoot, FormItem, Notice, TextInput } from '@/components/form';
import { ListRow } from '@/components/list-row';
import { PagedList } from '@/components/paged-list';
import { SignedInPage } from '@/components/signed-in';
import { Tag } from '@/components/tag';
import { usePaged } from '@/hooks/use-paged';
import { useResult } from '@/hooks/use-result';

type StaffRole = Exclude<Role, 'resident'>;
type StaffUser = ActionOutput<'admin', 'users'>['items'][number];
const ROLE_OPTIONS = STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function AssignPanel(props: { user: StaffUser; onDone: (text: string) => void }) {
  const { user } = props;
  const areas = useResult(() => call('admin', 'areas', {}), []);
  const [areaId, setAreaId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forGrid = user.role === 'gridworker';
  if (!forGrid && user.role !== 'cadre') return <AssignmentHistory userId={user._id} />;
  const options =
    areas.status !== 'ok'
      ? []
      : forGrid
        ? areas.data.grids.filter((g) => !user.gridIds.includes(g._id)).map((g) => ({ value: g._id, label: g.name }))
        : areas.data.villages.filter((v) => !user.villageIds.includes(v._id)).map((v) => ({ value: v._id, label: v.name }));

  async function assign(): Promise<void> {
    if (!areaId) return;
    setBusy(true);
    const res = forGrid ? await call('admin', 'assignGrid', { gridId: areaId, userId: user._id }) : await call('admin', 'assignVillage', { villageId: areaId, userId: user._id });
    setBusy(false);
    if (!res.ok) return props.onDone(res.error.message);
    const from = res.data.previous.map((p) => p.name).join('、');
    props.onDone(`已交给${user.name}${from ? `（原由${from}负责，移交帮扶计划${res.data.moved.plans}个、问题${res.data.moved.issues}个）` : ''}`);
  }

  return (
    <View data-assign={user._id}>
      <FormItem label={forGrid ? '再负责一个网格' : '再包一个村(居)'} hint='原来负责的人未办完的帮扶计划和问题一并移交'>
        <Chips label={forGrid ? '网格' : '村'} noAll options={options} value={areaId} onChange={setAreaId} />
      </FormItem>
      <Button disabled={busy || !areaId} onClick={() => void assign()}>
        交给{user.name}
      </Button>
      <AssignmentHistory userId={user._id} />
    </View>
  );
}

function NewUser(props: { onDone: (text: string) => void }) {
  const [form, setForm] = useState({ name: '', role: 'gridworker' as StaffRole, openid: '', phone: '', requestId: newRequestId() });
  const [error, setError] = useState<string | null>(null);
  async function save(): Promise<void> {
    const res = await call('admin', 'createUser', { requestId: form.requestId, name: form.name, role: form.role, openid: form.openid, ...(form.phone ? { phone: form.phone } : {}) });
    if (!res.ok) return setError(res.error.message);
    setError(null);
    setForm({ name: '', role: form.role, openid: '', phone: '', requestId: newRequestId() });
    props.onDone(`已添加${res.data.name}（${res.data.roleLabel}）`);
  }
  return (
    <Card title='添加工作人员'>
      <FormItem label='姓名' required>
        <TextInput label='新人员姓名' value={form.name} onChange={(name) => setForm({ ...form, name })} />
      </FormItem>
      <FormItem label='角色' required>
        <Chips label='新人员角色' noAll options={ROLE_OPTIONS} value={form.role} onChange={(v) => setForm({ ...form, role: (v as StaffRole | null) ?? form.role })} />
      </FormItem>
      <FormItem label='微信 OPENID' required hint='在云开发控制台或本人首次打开小程序后查到'>
        <TextInput label='OPENID' value={form.openid} onChange={(openid) => setForm({ ...form, openid })} />
      </FormItem>
      <FormItem label='手机号'>
        <TextInput label='新人员手机号' type='number' value={form.phone} onChange={(phone) => setForm({ ...form, phone })} />
      </FormItem>
      <FormFoot error={error}>
        <Button block onClick={() => void save()}>
          添加
        </Button>
      </FormFoot>
    </Card>
  );
}

function Users() {
  const [role, setRole] = useState<StaffRole>('gridworker');
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const paged = usePaged((after: string | null) => call('admin', 'users', { role, limit: 50, ...(after ? { after } : {}) }), [role]);
  const done = (text: string) => {
    setNotice(text);
    setOpenId(null);
    paged.reload();
  };
  return (
    <>
      <Card>
        <Chips label='角色' noAll options={ROLE_OPTIONS} value={role} onChange={(v) => setRole((v as StaffRole | null) ?? 'gridworker')} />
      </Card>
      {notice ? <Notice>{notice}</Notice> : null}
      <Card title={ROLE_LABELS[role]}>
        <PagedList
          paged={paged}
          empty='还没有这个角色的人员'
          row={(u: StaffUser) => (
            <View key={u._id}>
              <ListRow
                title={u.name}
                meta={u.areas.length ? `负责：${u.areas.join('、')}` : u.role === 'gridworker' || u.role === 'cadre' ? '尚未分配' : '全镇'}
                tags={u.phone ? <Tag tone='neutral'>{u.phone}</Tag> : undefined}
                onClick={() => setOpenId(openId === u._id ? null : u._id)}
              />
              {openId === u._id ? <AssignPanel user={u} onDone={done} /> : null}
            </View>
          )}
        />
      </Card>
      <NewUser onDone={done} />
    </>
  );
}

export default function UsersPage() {
  return <SignedInPage title='用户与角色' subtitle='网格定人、人员定责'>{() => <Users />}</SignedInPage>;
}
