// At a visit (issue 9): the resident shows the link code from their 关联本人信息 page; the gridworker enters it on the
// person's page (or scans it in WeChat) and the resident's WeChat is linked to this person, with what they filed before.
import { useState } from 'react';
import { call } from '../client/call';
import { invalidate } from '../client/invalidate';
import { useSession } from '../hooks/use-session';
import { Button } from './button';
import { Card } from './card';
import { FormFoot, FormItem, Notice, TextInput } from './form';
import { LinkScan } from './link-scan';

export function LinkByCode(props: { personId: string; name: string }) {
  const session = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (session.status !== 'ok' || !['gridworker', 'cadre'].includes(session.me.role)) return null;
  async function link(): Promise<void> {
    const res = await call('people', 'linkByCode', { personId: props.personId, code });
    if (!res.ok) return setError(res.error.message);
    setError(null);
    setCode('');
    invalidate(['person', props.personId], ['people']);
    setDone(`已把居民的微信关联到${props.name}${res.data.casesToConfirm ? `，${res.data.casesToConfirm}件代办申请等本人确认` : ''}`);
  }
  return (
    <Card title='关联居民微信'>
      {done ? <Notice tone='ok'>{done}</Notice> : null}
      <FormItem label='关联码' hint={`请${props.name}本人在小程序「关联本人信息」页点「显示关联码」，当面核对身份后输入`}>
        <TextInput label='关联码' value={code} placeholder='8位字母和数字' onChange={setCode} />
        <LinkScan onCode={setCode} />
      </FormItem>
      <FormFoot error={error}>
        <Button kind='secondary' block disabled={!code.trim()} onClick={() => void link()}>
          关联
        </Button>
      </FormFoot>
    </Card>
  );
}
