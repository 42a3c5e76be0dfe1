// 村和网格 (issue 4, admin): villages and their grids (区域定格) — add, rename, remove while empty — and each grid's
// gridworker (网格定人): reassigning moves the open work and keeps the history of who was responsible when.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { newRequestId } from '@/client/request-id';
import { AssignmentHistory } from '@/components/assignment-history';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { FormItem, Notice, TextInput } from '@/components/form';
import { ListRow } from '@/components/list-row';
import { SignedInPage } from '@/components/signed-in';
import { ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useResult } from '@/hooks/use-result';
import '@/components/visits-style';

type Areas = ActionOutput<'admin', 'areas'>;
type Grid = Areas['grids'][number];
type Worker = ActionOutput<'admin', 'users'>['items'][number];

/** Name and code, for a new area or an existing one. */
function NameCode(props: { label: string; initial?: { name: string; code: string }; submit: string; onSubmit: (v: { name: string; code: string }) => Promise<string | null> }) {
  const [name, setName] = useState(props.initial?.name ?? '');
  const [code, setCode] = useState(props.initial?.code ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <View>
      <FormItem label={`${props.label}名称`}>
        <TextInput label={`${props.label}名称`} value={name} onChange={setName} />
      </FormItem>
      <FormItem label={`${props.label}编号`} hint='数字、字母和“-”，全镇唯一'>
        <TextInput label={`${props.label}编号`} value={code} onChange={setCode} />
      </FormItem>
      {error ? <Notice tone='danger'>{error}</Notice> : null}
      <Button kind='secondary' onClick={() => void props.onSubmit({ name, code }).then(setError)}>
        {props.submit}
      </Button>
    </View>
  );
}

function GridPanel(props: { grid: Grid; workers: readonly Worker[]; onChanged: (text: string) => void }) {
  const { grid } = props;
  const [userId, setUserId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function assign(): Promise<void> {
    if (!userId) return;
    setBusy(true);
    const res = await call('admin', 'assignGrid', { gridId: grid._id, userId });
    setBusy(false);
    props.onChanged(res.ok ? `${grid.name}已交给新的网格员，移交帮扶计划${res.data.moved.plans}个、问题${res.data.moved.issues}个` : res.error.message);
  }
  async function rename(v: { name: string; code: string }): Promise<string | null> {
    const res = await call('admin', 'updateGrid', { gridId: grid._id, version: grid.version, name: v.name, code: v.code });
    if (!res.ok) return res.error.message;
    props.onChanged(`已保存${res.data.name}`);
    return null;
  }
  async function remove(): Promise<void> {
    const sure = await Taro.showModal({ title: '删除网格', content: `确定删除${grid.name}？网格里没有登记家庭、也没有网格员时才能删除。` });
    if (!sure.confirm) return;
    const res = await call('admin', 'removeGrid', { gridId: grid._id, version: grid.version });
    props.onChanged(res.ok ? `已删除${grid.name}` : res.error.message);
  }
  return (
    <View data-grid-panel={grid._id}>
      <FormItem label='指定网格员' hint='原网格员未办完的帮扶计划和问题一并移交'>
        <Chips label={`${grid.name}的网格员`} noAll options={props.workers.map((w) => ({ value: w._id, label: w.name }))} value={userId} onChange={setUserId} />
        <Button disabled={busy || !userId} onClick={() => void assign()}>
          交给所选网格员
        </Button>
      </FormItem>
      <NameCode label='网格' initial={grid} submit='保存名称和编号' onSubmit={rename} />
      <Button kind='danger' onClick={() => void remove()}>
        删除网格
      </Button>
      <AssignmentHistory areaId={grid._id} />
    </View>
  );
}

function AreasEditor(props: { areas: Areas; workers: readonly Worker[]; onChanged: (text: string) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  const holders = (gridId: string) => props.workers.filter((w) => w.gridIds.includes(gridId)).map((w) => w.name);

  async function addVillage(v: { name: string; code: string }): Promise<string | null> {
    const res = await call('admin', 'createVillage', { requestId: newRequestId(), ...v });
    if (!res.ok) return res.error.message;
    props.onChanged(`已添加${res.data.name}`);
    return null;
  }

  return (
    <>
      {props.areas.villages.map((village) => {
        const grids = props.areas.grids.filter((g) => g.villageId === village._id);
        return (
          <Card key={village._id} title={village.name} extra={<Tag tone='neutral'>{`${village.code} · ${grids.length}个网格`}</Tag>}>
            {grids.map((g) => (
              <View key={g._id}>
                <ListRow
                  title={g.name}
                  meta={holders(g._id).length ? `网格员：${holders(g._id).join('、')}` : undefined}
                  tags={holders(g._id).length ? undefined : <Tag tone='danger'>未指定网格员</Tag>}
                  onClick={() => setOpen(open === g._id ? null : g._id)}
                />
                {open === g._id ? <GridPanel grid={g} workers={props.workers} onChanged={props.onChanged} /> : null}
              </View>
            ))}
            <ListRow title='添加网格 / 修改村(居)' onClick={() => setOpen(open === village._id ? null : village._id)} />
            {open === village._id ? (
              <>
                <NameCode
                  label='网格'
                  submit='添加网格'
                  onSubmit={async (v) => {
                    const res = await call('admin', 'createGrid', { requestId: newRequestId(), villageId: village._id, ...v });
                    if (!res.ok) return res.error.message;
                    props.onChanged(`已添加${res.data.name}`);
                    return null;
                  }}
                />
                <NameCode
                  label='村(居)'
                  initial={village}
                  submit='保存村(居)名称和编号'
                  onSubmit={async (v) => {
                    const res = await call('admin', 'updateVillage', { villageId: village._id, version: village.version, ...v });
                    if (!res.ok) return res.error.message;
                    props.onChanged(`已保存${res.data.name}`);
                    return null;
                  }}
                />
                <Button
                  kind='danger'
                  onClick={() =>
                    void call('admin', 'removeVillage', { villageId: village._id, version: village.version }).then((res) => props.onChanged(res.ok ? `已删除${village.name}` : res.error.message))
                  }
                >
                  删除村(居)
                </Button>
              </>
            ) : null}
          </Card>
        );
      })}
      <Card title='添加村(居)'>
        <NameCode label='村(居)' submit='添加村(居)' onSubmit={addVillage} />
      </Card>
    </>
  );
}

function Areas() {
  const areas = useResult(() => call('admin', 'areas', {}), [], { keys: [['structure']] });
  const workers = useResult(() => call('admin', 'users', { role: 'gridworker', limit: 100 }), [], { keys: [['users']] });
  const [notice, setNotice] = useState<string | null>(null);
  if (areas.status === 'loading' || workers.status === 'loading') return <Loading />;
  if (areas.status === 'error') return <ErrorState error={areas.error} onRetry={areas.reload} />;
  const changed = (text: string) => {
    setNotice(text);
    // Areas, their staff and what moved with them (plans, issues, worklists) on every mounted page.
    invalidate(['users'], ['structure'], ['visits'], ['plans'], ['issues']);
  };
  return (
    <>
      {notice ? <Notice>{notice}</Notice> : null}
      <AreasEditor areas={areas.data} workers={workers.status === 'ok' ? workers.data.items : []} onChanged={changed} />
    </>
  );
}

export default function AreasPage() {
  return <SignedInPage title='村和网格' subtitle='区域定格、网格定人、人员定责'>{() => <Areas />}</SignedInPage>;
}
