// 查找人员: the town office looks a person up by name, ID-number tail or phone tail (and village) instead of
// browsing everyone's sensitive data; results are masked, every search is on record, the detail view is audited.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { call, type ActionInput, type ActionOutput } from '@/client/call';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { FormFoot, FormItem, TextInput } from '@/components/form';
import { PagedList } from '@/components/paged-list';
import { PersonRow } from '@/components/person-tags';
import { SignedInPage } from '@/components/signed-in';
import { usePaged } from '@/hooks/use-paged';
import { useResult } from '@/hooks/use-result';
import { useStable } from '@/hooks/use-stable';
import { ROUTES, withQuery } from '@/routes';

type Found = ActionOutput<'people', 'search'>['items'][number];
type Query = ActionInput<'people', 'search'>;

function Results(props: { query: Query }) {
  const query = useStable(props.query);
  const paged = usePaged((after: string | null) => call('people', 'search', { ...query, ...(after ? { after } : {}) }), [query]);
  return (
    <Card title='查找结果'>
      <PagedList
        paged={paged}
        empty='没有找到，换个条件试试'
        row={(p: Found) => (
          <PersonRow
            key={p._id}
            person={p}
            meta={`身份证 ${p.idNumber} · ${p.phone ? `电话 ${p.phone}` : '未留电话'}`}
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.person, { id: p._id }) })}
          />
        )}
      />
    </Card>
  );
}

function Search() {
  const villages = useResult(() => call('admin', 'structure', {}), []);
  const [name, setName] = useState('');
  const [idTail, setIdTail] = useState('');
  const [phoneTail, setPhoneTail] = useState('');
  const [villageId, setVillageId] = useState<string | null>(null);
  const [query, setQuery] = useState<Query | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function go(): void {
    const q: Query = {
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(idTail.trim() ? { idTail: idTail.trim() } : {}),
      ...(phoneTail.trim() ? { phoneTail: phoneTail.trim() } : {}),
      ...(villageId ? { villageId } : {}),
    };
    if (!q.name && !q.idTail && !q.phoneTail) {
      setProblem('请输入姓名、身份证号后4位或手机号后4位');
      return;
    }
    setProblem(null);
    setQuery(q);
  }

  return (
    <>
      <Card>
        <FormItem label='姓名（可只输前几个字）'>
          <TextInput label='姓名' value={name} onChange={setName} placeholder='例如：王秀' />
        </FormItem>
        <FormItem label='身份证号后4位'>
          <TextInput label='身份证号后4位' type='idcard' value={idTail} onChange={setIdTail} placeholder='例如：022X' />
        </FormItem>
        <FormItem label='手机号后4位'>
          <TextInput label='手机号后4位' type='number' value={phoneTail} onChange={setPhoneTail} placeholder='例如：5678' />
        </FormItem>
        {villages.status === 'ok' ? (
          <FormItem label='村(居)'>
            <Chips label='村' allLabel='全镇' options={villages.data.map((v) => ({ value: v._id, label: v.name }))} value={villageId} onChange={setVillageId} />
          </FormItem>
        ) : null}
        <FormFoot error={problem}>
          <Button block onClick={go}>
            查找
          </Button>
        </FormFoot>
      </Card>
      {query ? <Results query={query} /> : null}
    </>
  );
}

export default function SearchPage() {
  return <SignedInPage title='查找人员' subtitle='按需查找，不浏览全部敏感信息；每次查找都有记录'>{() => <Search />}</SignedInPage>;
}
