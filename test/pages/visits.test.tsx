import './support/env';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import VisitsPage from '../../src/packages/worker/pages/visits/index';
import OverduePage from '../../src/packages/worker/pages/overdue/index';
import VisitPage from '../../src/packages/worker/pages/visit/index';
import PlanPage from '../../src/packages/worker/pages/plan/index';
import PlansPage from '../../src/packages/worker/pages/plans/index';
import IssuesPage from '../../src/packages/officer/pages/issues/index';
import IssuePage from '../../src/packages/officer/pages/issue/index';
import { LARGE_TEXT_KEY } from '../../src/hooks/use-large-text';
import { ROUTES } from '../../src/routes';
import { db } from '../../server/platform/cloud';
import { taroMock } from './mocks/taro';
import { connect, freshApp, signInAs, startRuntime, stopRuntime } from './support/runtime';
import { consentDialog, offerLoaded } from './support/subscriptions';
import { callsTo, paramOf, rows } from './support/page';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

function lastUrl(): string {
  return taroMock.lastNavigation()?.url ?? '';
}

/** The worklist's first household, opened: the visit page's route params. */
async function openFirstOverdue(): Promise<string> {
  render(<VisitsPage />);
  await screen.findByText(/^已逾期 \d+$/);
  await waitFor(() => expect(rows().length).toBeGreaterThan(0));
  fireEvent.click(rows()[0]);
  expect(lastUrl()).toMatch(new RegExp(`^${ROUTES.visit}\\?householdId=`));
  const householdId = paramOf(lastUrl(), 'householdId');
  cleanup();
  return householdId;
}

function answer(member: string, label: string, value: '是' | '否'): void {
  const group = screen.getByRole('radiogroup', { name: `${member}：${label}` });
  fireEvent.click(within(group).getByText(value));
}

describe('走访 worklist', () => {
  it('shows the overdue households of the gridworker with counts, and switches buckets', async () => {
    await signInAs('gridworker');
    render(<VisitsPage />);
    const overdue = await screen.findByText(/^已逾期 \d+$/);
    expect(Number(overdue.textContent!.split(' ')[1])).toBeGreaterThan(0);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(rows()[0].textContent).toMatch(/户/);
    expect(rows()[0].textContent).toMatch(/逾期\d+天|今天已到期/);
    fireEvent.click(screen.getByText(/^本周到期 \d+$/));
    await waitFor(() => expect((callsTo('visits', 'worklist').at(-1)?.body as { input: { bucket: string } }).input.bucket).toBe('thisWeek'));
  });

  it('the cadre narrows by grid with per-grid counts; the overdue list adds overdue issues', async () => {
    await signInAs('cadre');
    render(<VisitsPage />);
    const grids = await screen.findByRole('radiogroup', { name: '网格' });
    fireEvent.click(within(grids).getAllByRole('radio')[1]);
    await waitFor(() => expect((callsTo('visits', 'worklist').at(-1)?.body as { input: { gridId?: string } }).input.gridId).toEqual(expect.any(String)));
    cleanup();
    render(<OverduePage />);
    expect(await screen.findByText('超期未办结的问题')).toBeTruthy();
    expect(await screen.findByText(/^逾期未走访/)).toBeTruthy();
    // The server answers the overdue issues; the page filters nothing away.
    await waitFor(() => expect((callsTo('visits', 'issues').at(-1)?.body as { input: { state: string } }).input.state).toBe('overdue'));
  });

  it('keeps working in large-text mode', async () => {
    taroMock.storage.set(LARGE_TEXT_KEY, true);
    await signInAs('gridworker');
    render(<VisitsPage />);
    await screen.findByText(/^已逾期 \d+$/);
    expect(document.querySelector('.ui-page')!.className).toContain('ui-page--large');
  });
});

describe('recording a household visit', () => {
  it('a 无人 problem becomes an issue; the draft is gone once the server has the visit', async () => {
    await signInAs('gridworker');
    const householdId = await openFirstOverdue();
    taroMock.router.params = { householdId };
    render(<VisitPage />);
    await screen.findByText('走访对象');
    const groups = screen.getAllByRole('radiogroup').filter((g) => g.getAttribute('aria-label')?.endsWith('：无人照料'));
    const member = groups[0].getAttribute('aria-label')!.split('：')[0];
    answer(member, '无人照料', '是');
    fireEvent.input(screen.getByLabelText('走访记录'), { target: { value: '老人独居，子女在外，三餐不定' } });
    expect(taroMock.storage.get(`draft:visit:${householdId}`)).toMatchObject({ notes: '老人独居，子女在外，三餐不定' });

    await offerLoaded();
    fireEvent.click(screen.getByText('提交走访'));
    // RULES §30: the gridworker's reminders are offered in the tap itself.
    expect(consentDialog().textContent).toContain('每日走访提醒');
    expect(await screen.findByText('走访已记录')).toBeTruthy();
    expect(screen.getByText(/发现1个问题，已报镇民政办督办/)).toBeTruthy();
    expect(screen.getAllByText(`${member}：无人照料`).length).toBeGreaterThan(0);
    expect(taroMock.storage.has(`draft:visit:${householdId}`)).toBe(false);
    const sent = callsTo('visits', 'record')[0].body as { input: { requestId: string; members: { noCarer: boolean }[] } };
    expect(sent.input.requestId).toMatch(/^r-/);
    expect(sent.input.members.some((m) => m.noCarer)).toBe(true);
  });

  it('a visit being written survives closing the page; a dropped network keeps it, and the retry stores one visit', async () => {
    await signInAs('gridworker');
    const householdId = await openFirstOverdue();
    taroMock.router.params = { householdId };
    render(<VisitPage />);
    await screen.findByText('走访对象');
    fireEvent.input(screen.getByLabelText('走访记录'), { target: { value: '门锁着，邻居说住院了' } });
    cleanup(); // the mini-program is closed

    render(<VisitPage />);
    await screen.findByText('走访对象');
    expect((screen.getByLabelText('走访记录') as HTMLTextAreaElement).value).toBe('门锁着，邻居说住院了');

    // The answer is lost on the way back: the server stored the visit, the page saw a network failure.
    const rt = await startRuntime();
    taroMock.requestHandler = async (request) => {
      const response = await rt.dispatch(request);
      if (request.path === '/api/call/visits' && (request.body as { action: string }).action === 'record') throw new Error('request:fail timeout');
      return response;
    };
    fireEvent.click(screen.getByText('提交走访'));
    expect(await screen.findByText(/走访内容已保存在手机上/)).toBeTruthy();
    expect(taroMock.storage.has(`draft:visit:${householdId}`)).toBe(true);

    await act(async () => {
      await connect();
    });
    fireEvent.click(screen.getByText('提交走访'));
    expect(await screen.findByText('走访已记录')).toBeTruthy();
    const ids = callsTo('visits', 'record').map((r) => (r.body as { input: { requestId: string } }).input.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    const visits = taroMock.responses.filter((r) => r.request.path === '/api/call/visits' && (r.request.body as { action: string }).action === 'record');
    expect((visits.at(-1)!.body as { data: { created: boolean } }).data.created).toBe(false);
  });
});

describe('issues and follow-up plans', () => {
  it('the officer resolves an issue; the gridworker then sees the outcome on the household', async () => {
    await signInAs('gridworker');
    const householdId = await openFirstOverdue();
    taroMock.router.params = { householdId };
    render(<VisitPage />);
    await screen.findByText('走访对象');
    const group = screen.getAllByRole('radiogroup').find((g) => g.getAttribute('aria-label')?.endsWith('：不知道如何申请'))!;
    fireEvent.click(within(group).getByText('是'));
    fireEvent.click(screen.getByText('提交走访'));
    await screen.findByText('走访已记录');
    cleanup();

    await freshApp();
    await signInAs('officer');
    render(<IssuesPage />);
    await waitFor(() => expect(rows().some((r) => r.textContent?.includes('不知道如何申请救助'))).toBe(true));
    fireEvent.click(rows().find((r) => r.textContent?.includes('不知道如何申请救助'))!);
    const issueId = paramOf(lastUrl(), 'id');
    cleanup();
    taroMock.router.params = { id: issueId };
    render(<IssuePage />);
    await screen.findByText('督办');
    fireEvent.input(screen.getByLabelText('处理结果'), { target: { value: '已上门讲解低保政策并协助递交申请' } });
    fireEvent.click(screen.getByText('办结'));
    await waitFor(() => expect(screen.getAllByText('已解决').length).toBeGreaterThan(0));
    cleanup();

    await freshApp();
    await signInAs('gridworker');
    taroMock.router.params = { householdId };
    render(<VisitPage />);
    expect(await screen.findByText('处理结果：已上门讲解低保政策并协助递交申请')).toBeTruthy();
  });

  it('a plan gets one named owner and a frequency from the rules, then appears under 我负责的', async () => {
    const me = await signInAs('gridworker');
    const user = (await db().collection('users').where({ _id: me.userId }).get()).data[0] as { gridIds: string[] };
    const households = (await db().collection('households').where({ gridId: user.gridIds[0] }).orderBy('_id', 'desc').limit(1).get()).data;
    const householdId = String(households[0]._id);
    taroMock.router.params = { householdId };
    render(<PlanPage />);
    await screen.findByText('按规则建议');
    const owners = screen.getByRole('radiogroup', { name: '帮扶责任人' });
    fireEvent.click(within(owners).getByText(new RegExp(`^${me.name}`)));
    fireEvent.click(screen.getByText('建立帮扶计划'));
    await waitFor(() => expect(taroMock.lastNavigation()?.kind).toBe('redirectTo'));
    cleanup();
    render(<PlansPage />);
    await waitFor(() => expect(rows().some((r) => r.textContent?.includes(me.name))).toBe(true));
  });
});
