// One person and their household, shown exactly as the server returned them: masked fields stay masked
// (the server decides what the viewer's role may see, and logs the view).
import { Text } from '@tarojs/components';
import { call } from '@/client/call';
import { err } from '@/core/errors';
import { GENDER_LABELS } from '@/core/id-number';
import { PERSON_FLAG_LABELS } from '@/core/roster/person-capture';
import { Card } from '@/components/card';
import { Field } from '@/components/list-row';
import { PageFrame } from '@/components/page-frame';
import { LinkByCode } from '@/components/link-by-code';
import { PersonActions } from '@/components/person-actions';
import { HouseholdFlags, PersonTags } from '@/components/person-tags';
import { ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useResult } from '@/hooks/use-result';
import { useQueryParam } from '@/hooks/use-query-param';


function orDash(value: string | undefined): string {
  return value && value.length > 0 ? value : '—';
}

export default function PersonPage() {
  const personId = useQueryParam('id');
  const found = useResult(
    () => (personId ? call('people', 'get', { personId }) : Promise.resolve(err('RECORD.NOT_FOUND'))),
    [personId],
    { keys: [['person', personId]] },
  );

  if (found.status === 'loading') {
    return (
      <PageFrame title='人员详情'>
        <Loading />
      </PageFrame>
    );
  }
  if (found.status === 'error') {
    return (
      <PageFrame title='人员详情'>
        <ErrorState error={found.error} onRetry={found.reload} />
      </PageFrame>
    );
  }

  const { person, household } = found.data;
  return (
    <PageFrame title={person.name} subtitle={`${GENDER_LABELS[person.gender]} · ${person.relation || '家庭成员'}`}>
      <Card title='类别与风险'>
        <PersonTags categories={person.categories} riskTier={person.riskTier} keyHousehold={person.keyHousehold} />
        {person.floating ? <Tag tone='neutral'>{PERSON_FLAG_LABELS.floating}</Tag> : null}
      </Card>
      <Card title='基本信息'>
        <Field label='身份证号'>{orDash(person.idNumber)}</Field>
        {person.birthDate ? <Field label='出生日期'>{person.birthDate}</Field> : <Field label='年龄'>{`${person.age} 岁`}</Field>}
        <Field label='联系电话'>{orDash(person.phone)}</Field>
        {person.disabilityGrade ? <Field label='残疾等级'>{`${person.disabilityGrade} 级`}</Field> : null}
        <Field label='备注'>{orDash(person.notes)}</Field>
      </Card>
      <Card title='家庭'>
        <Field label='户主'>{orDash(household.headName)}</Field>
        <Field label='住址'>{orDash(household.address)}</Field>
        <Field label='户联系电话'>{orDash(household.phone)}</Field>
        <Field label='家庭人口'>{`${household.size} 人`}</Field>
        <Field label='标记'>
          <HouseholdFlags keyHousehold={household.keyHousehold} floating={household.floating} />
          {!household.keyHousehold && !household.floating ? <Text>—</Text> : null}
        </Field>
        {household.notes ? <Field label='备注'>{household.notes}</Field> : null}
      </Card>
      <PersonActions person={person} household={household} />
      <LinkByCode personId={person._id} name={person.name} />
    </PageFrame>
  );
}
