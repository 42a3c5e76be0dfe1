// 用户与角色 (issue 4, 9): staff by role with the grids or villages they answer for; add a person and invite them
// (a one-time code and mini-program code: nobody types an OPENID), re-invite (new phone) or revoke an invitation;
// give a gridworker a grid or a cadre a village — whoever had it hands it over with its open work, and the history
// keeps who was responsible when.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { newRequestId } from '@/client/request-id';
import { ROLE_LABELS, STAFF_ROLES, type Role } from '@/core/roles';
import { AssignmentHistory } from '@/components/assignment-history';
import { Button } from '@/components/button';
import { CodeDisplay } from '@/components/code-display';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { FormFoot, FormItem, Notice, TextInput } from '@/components/form';
import { ListRow } from '@/components/list-row';
import { PagedList } from '@/components/paged-list';
import { SignedInPage } from '@/components/signed-in';
import { Tag } from '@/components/tag';
import { formatTime } from '@/components/format-time';
import { usePaged } from '@/hooks/use-paged';
import { useResult } from '@/hooks/use-result';

type StaffRole = Exclude<Role, 'resident'>;
type StaffUser = ActionOutput<'admin', 'users'>['items'][number];
type Issued = NonNullable<ActionOutput<'admin', 'createUser'>['invitation']>;
const ROLE_OPTIONS = STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** The code as the staff member types it (groups of four), its expiry, the mini-program code and, on H5, the link. */
function InvitationView(props: { name: string; invitation: Issued }) {
  const { code, expiresAt, qrUrl } = props.invitation;
  const link = `/#/pages/bind/index?scene=${encodeURIComponent(code)}`;
  return (
    <View data-invitation-code={code}>
      <Notice tone='ok'>
        请把邀请码交给{props.name}本人：用微信打开小程序扫码，或在「绑定工作账号」页输入。邀请码只显示这一次，{formatTime(expiresAt)}前有效，只能用一次。
      </Notice>
      <CodeDisplay label='邀请码' code={code} />
      {qrUrl ? <Image className='ui-code-image' src={qrUrl} mode='aspectFit' aria-label='邀请小程序码' /> : null}
      {process.env.TARO_ENV === 'h5' ? (
        <View className='ui-code-link'>
          <Text>网页版绑定链接：</Text>
          <Text selectable>{link}</Text>
        </View>
      ) : null}
    </View>
  );
}

/** 重新邀请: a new code; the WeChat bound now is signed out at once (new phone, new WeChat). */
function Reinvite(props: { user: StaffUser; onIssued: (invitation: Issued) => void; onError: (text: string) => void }) {
  const { user } = props;
  const [busy, setBusy] = useState(false);
  async function reinvite(): Promise<void> {
    const content = user.bound ? `重新邀请后，${user.name}现在绑定的微信会立即退出工作账号，需要用新的邀请码重新绑定。确定吗？` : `为${user.name}生成新的邀请码，原来的邀请码作废。确定吗？`;
    const sure = await Taro.showModal({ title: '重新邀请', content, confirmText: '重新邀请', cancelText: '再想想' });
    if (!sure.confirm) return;
    setBusy(true);
    const res = await call('admin', 'invite', { userId: user._id, version: user.version });
    setBusy(false);
    if (!res.ok) return props.onError(res.error.message);
    props.onIssued(res.data);
  }
  return (
    <Button kind='secondary' disabled={busy} onClick={() => void reinvite()}>
      重新邀请
    </Button>
  );
}

function AssignPanel(props: { user: StaffUser; onDone: (text: string) => void; onInvited: () => void }) {
  const { user } = props;
  const areas = useResult(() => call('admin', 'areas', {}), [], { keys: [['structure']] });
  const [areaId, setAreaId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const forGrid = user.role === 'gridworker';
  const invite = (
    <View>
      <Reinvite
        user={user}
        onIssued={(invitation) => {
          setIssued(invitation);
          props.onInvited();
        }}
        onError={props.onDone}
      />
      {issued ? <InvitationView name={user.name} invitation={issued} /> : null}
    </View>
  );
  if (!forGrid && user.role !== 'cadre') {
    return (
      <View data-assign={user._id}>
        {invite}
        <AssignmentHistory userId={user._id} />
      </View>
    );
  }
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
      {invite}
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

/** Adds a staff member with their grid or village, and shows their invitation. */
function NewUser(props: { onDone: (text: string) => void }) {
  const areas = useResult(() => call('admin', 'areas', {}), [], { keys: [['structure']] });
  const [form, setForm] = useState({ name: '', role: 'gridworker' as StaffRole, areaId: null as string | null, phone: '', requestId: newRequestId() });
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ name: string; invitation: Issued } | null>(null);
  const forGrid = form.role === 'gridworker';
  const hasArea = forGrid || form.role === 'cadre';
  const areaOptions = areas.status !== 'ok' ? [] : forGrid ? areas.data.grids.map((g) => ({ value: g._id, label: g.name })) : areas.data.villages.map((v) => ({ value: v._id, label: v.name }));
  async function save(): Promise<void> {
    const res = await call('admin', 'createUser', { requestId: form.requestId, name: form.name, role: form.role, ...(hasArea && form.areaId ? { areaId: form.areaId } : {}), ...(form.phone ? { phone: form.phone } : {}) });
    if (!res.ok) return setError(res.error.message);
    setError(null);
    setForm({ name: '', role: form.role, areaId: null, phone: '', requestId: newRequestId() });
    if (res.data.invitation) setIssued({ name: res.data.user.name, invitation: res.data.invitation });
    props.onDone(`已添加${res.data.user.name}（${res.data.user.roleLabel}）${res.data.invitation ? '，请把下面的邀请码交给本人' : '；如需邀请码请点「重新邀请」'}`);
  }
  return (
    <Card title='添加工作人员'>
      {issued ? <InvitationView name={issued.name} invitation={issued.invitation} /> : null}
      <FormItem label='姓名' required>
        <TextInput label='新人员姓名' value={form.name} onChange={(name) => setForm({ ...form, name })} />
      </FormItem>
      <FormItem label='角色' required>
        <Chips label='新人员角色' noAll options={ROLE_OPTIONS} value={form.role} onChange={(v) => setForm({ ...form, role: (v as StaffRole | null) ?? form.role, areaId: null })} />
      </FormItem>
      {hasArea ? (
        <FormItem label={forGrid ? '负责网格' : '包村(居)'} hint='也可以以后再分配'>
          <Chips label={forGrid ? '新人员网格' : '新人员村'} noAll options={areaOptions} value={form.areaId} onChange={(areaId) => setForm({ ...form, areaId })} />
        </FormItem>
      ) : null}
      <FormItem label='手机号'>
        <TextInput label='新人员手机号' type='number' value={form.phone} onChange={(phone) => setForm({ ...form, phone })} />
      </FormItem>
      <FormFoot error={error}>
        <Button block onClick={() => void save()}>
          添加并生成邀请码
        </Button>
      </FormFoot>
    </Card>
  );
}

/** Invitations not used yet: expiry, the mini-program code, 撤销. */
function PendingInvitations(props: { onDone: (text: string) => void }) {
  const list = useResult(() => call('admin', 'invitations', {}), [], { keys: [['users']] });
  if (list.status !== 'ok' || list.data.items.length === 0) return null;
  async function revoke(invitationId: string, version: number, name: string): Promise<void> {
    const sure = await Taro.showModal({ title: '撤销邀请', content: `撤销后，${name}的邀请码不能再绑定。确定吗？`, confirmText: '撤销', cancelText: '再想想' });
    if (!sure.confirm) return;
    const res = await call('admin', 'revokeInvitation', { invitationId, version });
    props.onDone(res.ok ? `已撤销${name}的邀请` : res.error.message);
  }
  return (
    <Card title='待绑定的邀请'>
      {list.data.items.map((i) => (
        <View key={i.invitationId} data-invitation={i.invitationId}>
          <ListRow
            title={`${i.name}（${i.roleLabel}）`}
            meta={i.status === 'expired' ? '已过期，请重新邀请' : `${formatTime(i.expiresAt)}前有效`}
            tags={<Tag tone={i.status === 'expired' ? 'warn' : 'neutral'}>{i.statusLabel}</Tag>}
          />
          {i.qrUrl ? <Image className='ui-code-image' src={i.qrUrl} mode='aspectFit' aria-label={`${i.name}的邀请小程序码`} /> : null}
          <Button kind='plain' onClick={() => void revoke(i.invitationId, i.version, i.name)}>
            撤销
          </Button>
        </View>
      ))}
    </Card>
  );
}

function Users() {
  const [role, setRole] = useState<StaffRole>('gridworker');
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const paged = usePaged((after: string | null) => call('admin', 'users', { role, limit: 50, ...(after ? { after } : {}) }), [role], { keys: [['users']] });
  const done = (text: string) => {
    setNotice(text);
    setOpenId(null);
    // Staff, areas and what moved with them (plans, issues, worklists) on every mounted page.
    invalidate(['users'], ['structure'], ['visits'], ['plans'], ['issues']);
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
                tags={
                  <>
                    <Tag tone={u.bound ? 'primary' : 'warn'}>{u.bound ? '已绑定微信' : '待绑定'}</Tag>
                    {u.phone ? <Tag tone='neutral'>{u.phone}</Tag> : null}
                  </>
                }
                onClick={() => setOpenId(openId === u._id ? null : u._id)}
              />
              {openId === u._id ? <AssignPanel user={u} onDone={done} onInvited={() => invalidate(['users'])} /> : null}
            </View>
          )}
        />
      </Card>
      {/* Keyed by the count of invitations made here: a new one loads the list afresh. */}
      <PendingInvitations onDone={done} />
      <NewUser onDone={done} />
    </>
  );
}

export default function UsersPage() {
  return <SignedInPage title='用户与角色' subtitle='网格定人、人员定责'>{() => <Users />}</SignedInPage>;
}
