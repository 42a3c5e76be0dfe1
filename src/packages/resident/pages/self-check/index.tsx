// 一分钟自测: household size, monthly income, assets, and each member's age, disability and serious illness → the
// kinds of help that are likely, each with its reason, against the town's 低保 standard. An estimate, said plainly;
// each likely application opens the application form prefilled with these answers, and each result its policy guide page.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { DISABILITY_LABELS, DISABILITY_TYPES, eligibilityInputSchema, type DisabilityType, type EligibilityInput } from '@/core/cases';
import { GUIDE_TOPIC_OF_LIKELY } from '@/core/guide';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { CheckRow, FormFoot, FormItem, Notice, TextInput } from '@/components/form';
import { PageFrame, SectionTitle } from '@/components/page-frame';
import { savePrefill } from '@/components/apply-prefill';
import { ROUTES, withQuery } from '@/routes';

type Report = ActionOutput<'cases', 'selfCheck'>;

const DISABILITY_OPTIONS = DISABILITY_TYPES.map((value) => ({ value, label: DISABILITY_LABELS[value] }));
const GRADE_OPTIONS = [1, 2, 3, 4].map((g) => ({ value: String(g), label: `${g}级` }));
const YES_NO = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

interface MemberAnswers {
  age: string;
  disability: DisabilityType | null;
  grade: string | null;
  seriousIllness: boolean;
  hasAbleLegalSupporter: boolean;
}

const newMember = (): MemberAnswers => ({ age: '', disability: null, grade: null, seriousIllness: false, hasAbleLegalSupporter: false });

function toNumber(s: string): number {
  return s.trim() === '' ? Number.NaN : Number(s.trim());
}

function MemberCard(props: { index: number; member: MemberAnswers; onChange: (m: MemberAnswers) => void; onRemove: () => void }) {
  const { member, onChange } = props;
  return (
    <Card
      title={`家庭成员 ${props.index + 1}`}
      extra={
        <Button kind='plain' onClick={props.onRemove}>
          删除
        </Button>
      }
    >
      <FormItem label='年龄' required>
        <TextInput label={`成员${props.index + 1}年龄`} type='number' value={member.age} onChange={(age) => onChange({ ...member, age })} />
      </FormItem>
      <FormItem label='残疾情况（没有可不选）'>
        <Chips label='残疾类别' allLabel='没有残疾' options={DISABILITY_OPTIONS} value={member.disability} onChange={(v) => onChange({ ...member, disability: v as DisabilityType | null })} />
        {member.disability ? <Chips label='残疾等级' noAll options={GRADE_OPTIONS} value={member.grade} onChange={(grade) => onChange({ ...member, grade })} /> : null}
      </FormItem>
      <CheckRow checked={member.seriousIllness} onChange={(seriousIllness) => onChange({ ...member, seriousIllness })}>
        患有重病
      </CheckRow>
      <CheckRow checked={member.hasAbleLegalSupporter} onChange={(hasAbleLegalSupporter) => onChange({ ...member, hasAbleLegalSupporter })}>
        有能够赡养、抚养、扶养他(她)的亲属
      </CheckRow>
    </Card>
  );
}

export default function SelfCheckPage() {
  const [householdSize, setHouseholdSize] = useState('');
  const [income, setIncome] = useState('');
  const [assets, setAssets] = useState<string | null>(null);
  const [members, setMembers] = useState<MemberAnswers[]>([]);
  const [spending, setSpending] = useState(false);
  const [emergency, setEmergency] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [report, setReport] = useState<Report | null>(null);

  function answers(): EligibilityInput {
    return {
      householdSize: toNumber(householdSize),
      monthlyIncomeYuan: toNumber(income),
      assetsOverLimit: assets === 'yes',
      members: members.map((m) => ({
        age: toNumber(m.age),
        ...(m.disability && m.grade ? { disability: { type: m.disability, grade: Number(m.grade) } } : {}),
        seriousIllness: m.seriousIllness,
        hasAbleLegalSupporter: m.hasAbleLegalSupporter,
      })),
      largeEssentialSpending: spending,
      suddenEmergency: emergency,
    };
  }

  async function check(): Promise<void> {
    if (sending) return;
    if (!householdSize.trim() || !income.trim() || assets === null) {
      setError('请填写家庭人口、每月收入，并选择家庭财产是否超过规定');
      return;
    }
    if (members.some((m) => !m.age.trim())) {
      setError('请填写每位家庭成员的年龄');
      return;
    }
    if (members.some((m) => m.disability && !m.grade)) {
      setError('请选择残疾等级');
      return;
    }
    const parsed = eligibilityInputSchema.safeParse(answers());
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '填写的内容有误');
      return;
    }
    setError(null);
    setSending(true);
    const result = await call('cases', 'selfCheck', parsed.data);
    setSending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setReport(result.data);
  }

  function apply(kind: string): void {
    const input = answers();
    savePrefill({
      householdSize: input.householdSize,
      disabled: members.some((m) => m.disability !== null),
      seriousIllness: members.some((m) => m.seriousIllness),
    });
    void Taro.navigateTo({ url: withQuery(ROUTES.apply, { kind }) });
  }

  return (
    <PageFrame title='一分钟自测' subtitle='填几项家庭情况，看看可能符合哪些救助'>
      <Card>
        <FormItem label='家庭人口（人）' required>
          <TextInput label='家庭人口' type='number' value={householdSize} onChange={setHouseholdSize} />
        </FormItem>
        <FormItem label='全家每月总收入（元）' required hint='工资、养老金、经营收入等加在一起'>
          <TextInput label='每月总收入' type='digit' value={income} onChange={setIncome} />
        </FormItem>
        <FormItem label='存款、车辆、房产等家庭财产是否超过规定' required>
          <Chips label='财产超过规定' noAll options={YES_NO} value={assets} onChange={setAssets} />
        </FormItem>
        <CheckRow checked={spending} onChange={setSpending}>
          近一年看病、上学、康复等必需的开支，家里承担不起
        </CheckRow>
        <CheckRow checked={emergency} onChange={setEmergency}>
          家里正遇到突发意外、急病或灾害
        </CheckRow>
      </Card>
      <SectionTitle>家庭成员（老人、孩子、残疾或重病的成员请逐一添加）</SectionTitle>
      {members.map((member, i) => (
        <MemberCard
          key={i}
          index={i}
          member={member}
          onChange={(m) => setMembers((all) => all.map((x, j) => (j === i ? m : x)))}
          onRemove={() => setMembers((all) => all.filter((_, j) => j !== i))}
        />
      ))}
      <Button kind='secondary' block onClick={() => setMembers((all) => [...all, newMember()])}>
        添加家庭成员
      </Button>
      <FormFoot error={error}>
        <Button block disabled={sending} onClick={() => void check()}>
          {sending ? '正在估算…' : '看看结果'}
        </Button>
      </FormFoot>
      {report ? (
        <View data-self-check-report=''>
          <SectionTitle>估算结果</SectionTitle>
          <Notice tone='warn'>{report.disclaimer}</Notice>
          <Card title={`家庭人均月收入约 ${report.perCapitaMonthlyIncomeYuan} 元`}>
            {report.likely.length === 0 ? (
              <Text className='ui-plain'>根据填写的情况，暂时看不出符合哪一类救助。如果确有困难，可以通过“我要求助”说明情况。</Text>
            ) : null}
            {report.likely.map((item) => (
              <View key={item.kind} className='ui-form-item' data-likely={item.kind}>
                <Text className='ui-form-item__label'>{item.label}</Text>
                <Text className='ui-plain'>{item.reason}</Text>
                {item.applyAs ? null : <Text className='ui-plain'>请联系村(居)网格员登记。</Text>}
                <View className='ui-form-foot'>
                  <Button kind='plain' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.guide, { topic: GUIDE_TOPIC_OF_LIKELY[item.kind] }) })}>
                    看政策指南
                  </Button>
                  {item.applyAs ? (
                    <Button kind='secondary' onClick={() => apply(item.applyAs!)}>
                      {`申请${item.label}`}
                    </Button>
                  ) : null}
                </View>
              </View>
            ))}
          </Card>
        </View>
      ) : null}
    </PageFrame>
  );
}
