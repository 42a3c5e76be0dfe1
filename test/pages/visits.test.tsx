import './support/env';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import VisitsPage from '../../src/packages/worker/pages/visits/index';
import OverduePage from '../../src/packages/worker/pages/overdue/index';
import VisitPage from '../../src/packages/worker/pages/visit/index';
import PlanPage from '../../src/packages/worker/pages/plan/index';
import PlansPage from '../../src/packages/worker/pages/plans/index';
import IssuesPage from '../../src/packages/officer/pages/issues/index';
import IssuePage from '../../src/packages/officer/pages/issue/index';
import WorkerIssuePage from '../../src/packages/worker/pages/issue/index';
import MessagesPage from '../../src/packages/common/pages/messages/index';
import { CHECKLIST_KEYS, VISIT_CHECKLIST, WUREN_HEADING } from '../../src/core/visits/visit-record';
import { postMessages } from '../../server/platform/messages';
import { visitBucketBounds } from '../../src/core/visits/schedule';
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
  fireEvent.click(await screen.findByText(/^已逾期 \d+$/));
  await waitFor(() => expect(rows().length).toBeGreaterThan(0));
  fireEvent.click(rows()[0]);
  expect(lastUrl()).toMatch(new RegExp(`^${ROUTES.visit}\\?householdId=`));
  const householdId = paramOf(lastUrl(), 'householdId');
  cleanup();
  return householdId;
}

/** The n-th household of the signed-in gridworker's first grid (newest first): a fresh household for each test. */
async function gridHousehold(me: { userId: string }, n: number): Promise<string> {
  const user = (await db().collection('users').where({ _id: me.userId }).get()).data[0] as { gridIds: string[] };
  const households = (await db().collection('households').where({ gridId: user.gridIds[0] }).orderBy('_id', 'desc').skip(n).limit(1).get()).data;
  return String(households[0]!._id);
}

function answer(member: string, label: string, value: '是' | '否'): void {
  const group = screen.getByRole('radiogroup', { name: `${member}：${label}` });
  fireEvent.click(within(group).getByText(value));
}

/** Every checklist question still unanswered on the form (but `skip`, a group's name), answered "no problem". */
function answerTheRest(skip?: string): void {
  for (const k of CHECKLIST_KEYS) {
    const label = VISIT_CHECKLIST[k].label;
    for (const group of screen.queryAllByRole('radiogroup').filter((g) => g.getAttribute('aria-label')?.endsWith(`：${label}`))) {
      if (group.querySelector('[aria-checked="true"]') || group.getAttribute('aria-label') === skip) continue;
      fireEvent.click(within(group).getByText(k === 'policyDelivered' ? '是' : '否'));
    }
  }
}

describe('走访 worklist', () => {
  it('is the gridworker\'s visit plan: every due date in one of four buckets with counts, today first', async () => {
    await signInAs('gridworker');
    render(<VisitsPage />);
    const overdue = await screen.findByText(/^已逾期 \d+$/);
    expect(Number(overdue.textContent!.split(' ')[1])).toBeGreaterThan(0);
    for (const chip of [/^今天到期 \d+$/, /^7天内到期 \d+$/, /^以后到期 \d+$/]) expect(screen.getByText(chip)).toBeTruthy();
    expect((callsTo('visits', 'worklist')[0]?.body as { input: { bucket: string } }).input.bucket).toBe('today');
    fireEvent.click(overdue);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(rows()[0].textContent).toMatch(/户/);
    expect(rows()[0].textContent).toMatch(/逾期\d+天|今天已到期/);
    fireEvent.click(screen.getByText(/^7天内到期 \d+$/));
    await waitFor(() => expect((callsTo('visits', 'worklist').at(-1)?.body as { input: { bucket: string } }).input.bucket).toBe('nextSevenDays'));
    fireEvent.click(screen.getByText(/^以后到期 \d+$/));
    await waitFor(() => expect((callsTo('visits', 'worklist').at(-1)?.body as { input: { bucket: string } }).input.bucket).toBe('later'));
  });

  it('a visit moved to 7 days from now (a tier change; next week) leaves 以后到期 for 7天内到期, in no gap', async () => {
    const me = await signInAs('gridworker');
    const user = (await db().collection('users').where({ _id: me.userId }).get()).data[0] as { gridIds: string[] };
    const bounds = visitBucketBounds(Date.now());
    const later = (await db().collection('persons').where({ gridId: user.gridIds[0], nextVisitDue: db().command.gte(bounds.laterStart) }).limit(1).get()).data[0] as { _id: string };
    const chipCount = async (label: string) => Number((await screen.findByText(new RegExp(`^${label} \\d+$`))).textContent!.split(' ')[1]);
    render(<VisitsPage />);
    const [week, rest] = [await chipCount('7天内到期'), await chipCount('以后到期')];
    cleanup();
    // The 7th day from today, mid-morning: on any weekday a day of next week.
    await db().collection('persons').doc(later._id).update({ data: { nextVisitDue: bounds.laterStart - 14 * 3_600_000 } });
    render(<VisitsPage />);
    expect(await chipCount('7天内到期')).toBe(week + 1);
    expect(await chipCount('以后到期')).toBe(rest - 1);
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
    answerTheRest();
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
    // A need found: the member can be referred from this visit (RULES §20), the visit as the source.
    fireEvent.click(screen.getByText(`转介${member}`));
    const url = taroMock.lastNavigation()!.url!;
    expect(url.startsWith(ROUTES.referralNew)).toBe(true);
    const recorded = (taroMock.responses.find((r) => r.request.path === '/api/call/visits' && (r.request.body as { action: string }).action === 'record')!.body as { data: { visitId: string } }).data;
    expect(paramOf(url, 'visitId')).toBe(recorded.visitId);
    expect(paramOf(url, 'personId')).toBeTruthy();
  });

  it('a visit being written survives closing the page; a dropped network keeps it, and the retry stores one visit', async () => {
    await signInAs('gridworker');
    const householdId = await openFirstOverdue();
    taroMock.router.params = { householdId };
    render(<VisitPage />);
    await screen.findByText('走访对象');
    answerTheRest();
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
    const group = screen.getAllByRole('radiogroup').find((g) => g.getAttribute('aria-label')?.endsWith('：不知道如何申请救助'))!;
    fireEvent.click(within(group).getByText('是'));
    answerTheRest();
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

describe('the visit form asks every question', () => {
  it('nothing is pre-answered; an unanswered question is refused on the device, naming the member and the question', async () => {
    const me = await signInAs('gridworker');
    const householdId = await gridHousehold(me, 2);
    taroMock.router.params = { householdId };
    render(<VisitPage />);
    await screen.findByText('走访对象');
    const groups = screen.getAllByRole('radiogroup').filter((g) => CHECKLIST_KEYS.some((k) => g.getAttribute('aria-label')?.endsWith(`：${VISIT_CHECKLIST[k].label}`)));
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) expect(g.querySelector('[aria-checked="true"]')).toBeNull();
    // The six 无人 problems under one heading, in the seed's words.
    const wuren = screen.getAllByRole('group', { name: WUREN_HEADING })[0]!;
    const member = groups[0]!.getAttribute('aria-label')!.split('：')[0]!;
    expect(within(wuren).getAllByRole('radiogroup').map((g) => g.getAttribute('aria-label'))).toEqual(
      ['无人监护', '无人照料', '无人巡访', '无人入户核查', '无人提供基本服务', '不知道如何申请救助'].map((l) => `${member}：${l}`),
    );

    // Every question answered but one: the first member's 无人巡访 (the later members' are answered).
    answerTheRest(`${member}：无人巡访`);
    fireEvent.click(screen.getByText('提交走访'));
    expect(await screen.findByText(`${member}：“是否无人巡访（长期没有人来探望）？”还没有回答`)).toBeTruthy();
    expect(callsTo('visits', 'record')).toHaveLength(0);
  });

  it('a member marked 没见到本人 is asked nothing and the visit is recorded', async () => {
    const me = await signInAs('gridworker');
    const householdId = await gridHousehold(me, 3);
    taroMock.router.params = { householdId };
    render(<VisitPage />);
    await screen.findByText('走访对象');
    const notSeen = screen.getAllByText(/^没见到本人（不问.+的问题）$/);
    for (const box of notSeen) fireEvent.click(box);
    expect(screen.queryAllByRole('group', { name: WUREN_HEADING })).toHaveLength(0);
    fireEvent.click(screen.getByText('提交走访'));
    expect(await screen.findByText('走访已记录')).toBeTruthy();
    const sent = callsTo('visits', 'record')[0]!.body as { input: { members: Record<string, unknown>[] } };
    for (const m of sent.input.members) expect(Object.keys(m).sort()).toEqual(['notSeen', 'personId']);
  });
});

describe('issue messages open each role\'s own view', () => {
  it('the gridworker\'s opens their issue page (no 督办, a visit); the officer\'s the office page', async () => {
    const worker = await signInAs('gridworker');
    const householdId = await gridHousehold(worker, 4);
    taroMock.router.params = { householdId };
    render(<VisitPage />);
    await screen.findByText('走访对象');
    fireEvent.click(within(screen.getAllByRole('radiogroup').find((g) => g.getAttribute('aria-label')?.endsWith('：无人照料'))!).getByText('是'));
    answerTheRest();
    fireEvent.click(screen.getByText('提交走访'));
    await screen.findByText('走访已记录');
    const issueId = (taroMock.responses.find((r) => r.request.path === '/api/call/visits' && (r.request.body as { action: string }).action === 'record')!.body as { data: { issues: { _id: string }[] } }).data.issues[0]!._id;
    cleanup();

    await postMessages(db(), [{ recipientUserId: worker.userId, type: 'issue.resolveIssue', title: '问题已办结', body: '无人照料', link: `issue:${issueId}` }], Date.now());
    render(<MessagesPage />);
    fireEvent.click(within((await screen.findByText('问题已办结')).closest('[data-message-id]') as HTMLElement).getByRole('button'));
    expect(taroMock.lastNavigation()!.url!.startsWith(`${ROUTES.workerIssue}?`)).toBe(true);
    expect(paramOf(lastUrl(), 'id')).toBe(issueId);
    cleanup();

    taroMock.router.params = { id: issueId };
    render(<WorkerIssuePage />);
    expect(await screen.findByText('责任人')).toBeTruthy();
    expect(screen.queryByText('督办')).toBeNull();
    fireEvent.click(screen.getByText('走访这一户'));
    expect(lastUrl().startsWith(`${ROUTES.visit}?`)).toBe(true);
    expect(paramOf(lastUrl(), 'householdId')).toBe(householdId);
    cleanup();

    const officer = await signInAs('officer');
    await postMessages(db(), [{ recipientUserId: officer.userId, type: 'visit.alert', title: '走访发现问题', body: '无人照料', link: `issue:${issueId}` }], Date.now());
    render(<MessagesPage />);
    fireEvent.click(within((await screen.findByText('走访发现问题')).closest('[data-message-id]') as HTMLElement).getByRole('button'));
    expect(lastUrl().startsWith(`${ROUTES.issue}?`)).toBe(true);
    expect(paramOf(lastUrl(), 'id')).toBe(issueId);
  });
});
