// Submitting a new case from a form page: the create call with the draft's request id, a Chinese reason when it
// fails (the draft stays, so a retry sends the same request), and on success the case page of the viewer's role.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { invalidate } from '../client/invalidate';
import { call, type ActionInput } from '../client/call';
import type { Role } from '../core/roles';
import { caseRoute, ROUTES, withQuery } from '../routes';
import { Button } from './button';
import { FormFoot } from './form';

/** Resolves to null when the case was created (or found) and the page moved on; otherwise to what went wrong. */
async function submitNewCase(input: ActionInput<'cases', 'create'>, role: Role, onCreated: () => void): Promise<string | null> {
  const result = await call('cases', 'create', input);
  if (!result.ok) {
    return result.error.code === 'NETWORK.FAILED' ? `${result.error.message}。填写的内容已保存，网络恢复后再点提交即可` : result.error.message;
  }
  onCreated();
  invalidate(['cases']);
  if (!result.data.viewable) {
    // The household's application of this kind is already in hand under someone else's name (a family member's, or
    // a gridworker's proxy application): say so, and show the resident their own cases.
    await Taro.showModal({ title: '您家已有同类申请在办理', content: '不用重复申请。办理进度可以问网格员，结果会告知申请人。', showCancel: false, confirmText: '知道了' });
    void Taro.redirectTo({ url: ROUTES.myCases });
    return null;
  }
  if (result.data.linked) void Taro.showToast({ title: '已有同类申请在办，已并入原申请', icon: 'none' });
  else void Taro.showToast({ title: '已提交', icon: 'success' });
  void Taro.redirectTo({ url: withQuery(caseRoute(role), { id: result.data.caseId }) });
  return null;
}

/**
 * A new-case form's submission state: `fail` shows why the form cannot go yet; `send` creates the case (then the
 * draft is cleared by `onCreated` and the page moves to the case), or shows why the server refused.
 */
export function useNewCase(role: Role, onCreated: () => void) {
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  /** Resolves to true when the case was created (the page has moved on). */
  async function send(input: ActionInput<'cases', 'create'>): Promise<boolean> {
    setFailure(null);
    setSending(true);
    const problem = await submitNewCase(input, role, onCreated);
    setSending(false);
    setFailure(problem);
    return problem === null;
  }
  return { sending, failure, fail: setFailure, send };
}

/** The bottom of a new-case form: why it cannot go yet, and its submit button. */
export function SubmitBar(props: { state: ReturnType<typeof useNewCase>; label: string; onSubmit: () => void }) {
  return (
    <FormFoot error={props.state.failure}>
      <Button block disabled={props.state.sending} onClick={props.onSubmit}>
        {props.state.sending ? '正在提交…' : props.label}
      </Button>
    </FormFoot>
  );
}
