// 重点户: the households the town office watches most closely (visited at least monthly). Set on a person's page
// after a search; cleared here. Every change re-plans the members' next visits at once (issue 4).
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Notice } from '@/components/form';
import { ListRow } from '@/components/list-row';
import { PagedList } from '@/components/paged-list';
import { HouseholdFlags } from '@/components/person-tags';
import { SignedInPage } from '@/components/signed-in';
import { usePaged } from '@/hooks/use-paged';
import { ROUTES, withQuery } from '@/routes';
import '@/components/visits-style';

type KeyHousehold = ActionOutput<'people', 'keyHouseholds'>['items'][number];

function KeyHouseholds(props: { officer: boolean }) {
  const paged = usePaged((after: string | null) => call('people', 'keyHouseholds', { limit: 30, ...(after ? { after } : {}) }), [], { keys: [['people']] });
  const [notice, setNotice] = useState<string | null>(null);

  async function clear(h: KeyHousehold): Promise<void> {
    const sure = await Taro.showModal({ title: '取消重点户', content: `${h.headName}户不再作为重点户？走访频次会按成员情况重新计算。` });
    if (!sure.confirm) return;
    const res = await call('people', 'setKeyHousehold', { householdId: h._id, version: h.version, keyHousehold: false });
    setNotice(res.ok ? `${h.headName}户已取消重点户` : res.error.message);
    // The household's members' pages, the roster lists and the worklists (their visit frequency changed).
    invalidate(['person'], ['people'], ['visits']);
  }

  return (
    <>
      {notice ? <Notice>{notice}</Notice> : null}
      <Card title='重点户名单'>
        <PagedList
          paged={paged}
          empty='还没有重点户'
          row={(h: KeyHousehold) => (
            <View key={h._id}>
              <ListRow
                title={`${h.headName}户`}
                meta={`${h.size}人 · ${h.address}`}
                tags={<HouseholdFlags keyHousehold floating={h.floating} />}
                onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.visit, { householdId: h._id }) })}
              />
              {props.officer ? (
                <Button kind='plain' onClick={() => void clear(h)}>
                  取消重点户
                </Button>
              ) : null}
            </View>
          )}
        />
      </Card>
      {props.officer ? (
        <Button kind='secondary' block onClick={() => void Taro.navigateTo({ url: ROUTES.search })}>
          查找人员，设为重点户
        </Button>
      ) : null}
    </>
  );
}

export default function KeyHouseholdsPage() {
  return <SignedInPage title='重点户' subtitle='重点户至少每月走访一次'>{(me) => <KeyHouseholds officer={me.role === 'officer'} />}</SignedInPage>;
}
