import './support/env';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import AlertRaisePage from '../../src/packages/officer/pages/alert-raise/index';
import AlertBoardPage from '../../src/packages/officer/pages/alert-board/index';
import AlertsPage from '../../src/packages/officer/pages/alerts/index';
import RollCallPage from '../../src/packages/worker/pages/roll-call/index';
import RollCallsPage from '../../src/packages/worker/pages/roll-calls/index';
import { call } from '../../src/client/call';
import { LARGE_TEXT_KEY } from '../../src/hooks/use-large-text';
import { ROUTES } from '../../src/routes';
import { db } from '../../server/platform/cloud';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { taroMock } from './mocks/taro';
import { beside, connect, demoUser, freshApp, signInAs, startRuntime, stopRuntime } from './support/runtime';
import { callsTo, paramOf } from './support/page';

const HOUR = 3_600_000;

beforeEach(async () => {
  await freshApp();
});
afterEach(() => {
  delete process.env.LOCAL_CLOCK_OFFSET_MS;
});
afterAll(() => stopRuntime());

function inputOf<T>(request: { body?: unknown }): T {
  return (request.body as { input: T }).input;
}

/** The first demo gridworker's village: the alert is raised there. */
async function workerVillage(): Promise<{ villageId: string; villageName: string }> {
  const worker = await demoUser('gridworker');
  const user = (await db().collection('users').where({ _id: worker.userId }).get()).data[0] as { gridIds: string[] };
  const grid = (await db().collection('grids').where({ _id: user.gridIds[0] }).get()).data[0] as { villageId: string };
  const village = (await db().collection('villages').where({ _id: grid.villageId }).get()).data[0] as { name: string };
  return { villageId: grid.villageId, villageName: village.name };
}

async function raiseAsOfficer(requestId: string): Promise<string> {
  const { villageId } = await workerVillage();
  await signInAs('officer');
  const res = await call('alerts', 'raise', { requestId, reason: 'coldWave', villageIds: [villageId], deadlineHours: 2, instructions: '今晚寒潮降温，请逐户确认取暖和用电安全' });
  if (!res.ok) throw new Error(res.error.message);
  return res.data.alertId;
}

async function alertsIn(requestId: string): Promise<Record<string, unknown>[]> {
  return (await db().collection('alerts').where({ requestId }).get()).data;
}

function count(scope: string, key: string): number {
  const cell = document.querySelector(`[aria-label="${scope}"] [data-count="${key}"] .ui-count__n`);
  return Number(cell?.textContent ?? NaN);
}

function households(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-household]'));
}

describe('发起预警', () => {
  it('shows each field’s error from the core schema and calls nothing until the form is right (in large-text mode)', async () => {
    taroMock.storage.set(LARGE_TEXT_KEY, true);
    await signInAs('officer');
    render(<AlertRaisePage />);
    const villages = await screen.findByRole('group', { name: '点名的村（社区）' });
    expect(document.querySelector('.ui-page')!.className).toContain('ui-page--large');
    fireEvent.input(screen.getByLabelText('完成时限（小时）'), { target: { value: '0' } });
    fireEvent.input(screen.getByLabelText('点名要求'), { target: { value: '冷'.repeat(151) } });
    expect(screen.getByText('151/150').className).toContain('ui-counter--over');
    fireEvent.click(screen.getByText('发起预警', { selector: '.ui-button' }));

    expect(await screen.findByText('请选择预警原因')).toBeTruthy();
    expect(screen.getByText('请至少选择一个村（社区）')).toBeTruthy();
    expect(screen.getByText('截止时间请填1到168之间的整数小时')).toBeTruthy();
    expect(screen.getByText('最多150个字')).toBeTruthy();
    expect(screen.getByText('请按提示修改后再发起')).toBeTruthy();
    expect(taroMock.modals).toHaveLength(0);
    expect(callsTo('alerts', 'raise')).toHaveLength(0);

    // 全选 ticks every village, and again clears them.
    fireEvent.click(within(villages).getByText('全选'));
    const boxes = within(villages).getAllByRole('checkbox');
    expect(boxes.every((b) => b.getAttribute('aria-checked') === 'true')).toBe(true);
    fireEvent.click(within(villages).getByText('全选'));
    expect(boxes.every((b) => b.getAttribute('aria-checked') === 'false')).toBe(true);
  });

  it('asks for confirmation; declined, nothing is raised; confirmed on a dropped network, the retry raises once', async () => {
    const { villageName } = await workerVillage();
    await signInAs('officer');
    render(<AlertRaisePage />);
    const villages = await screen.findByRole('group', { name: '点名的村（社区）' });
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '预警原因' })).getByText('台风'));
    fireEvent.click(within(villages).getByText(villageName));
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '完成时限' })).getByText('12小时'));
    expect((screen.getByLabelText('完成时限（小时）') as HTMLInputElement).value).toBe('12');
    const instructions = '台风今夜登陆，请逐户确认门窗加固，危房人员已转移';
    fireEvent.input(screen.getByLabelText('点名要求'), { target: { value: instructions } });
    expect(screen.getByText(`${instructions.length}/150`)).toBeTruthy();

    // Declined: nothing is sent.
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as never);
    fireEvent.click(screen.getByText('发起预警', { selector: '.ui-button' }));
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1));
    expect(modal.mock.calls[0]![0]).toMatchObject({ title: '发起台风预警', content: expect.stringContaining(`${villageName}：将通知这些村的网格员立即点名`) });
    expect(String((modal.mock.calls[0]![0] as { content: string }).content)).toContain('发起后不能撤回');
    modal.mockRestore();
    expect(callsTo('alerts', 'raise')).toHaveLength(0);

    // Confirmed, but the answer is lost on the way back: the server has the alert, the page saw a network failure.
    const rt = await startRuntime();
    taroMock.requestHandler = async (request) => {
      const response = await rt.dispatch(request);
      if (request.path === '/api/call/alerts' && (request.body as { action: string }).action === 'raise') throw new Error('request:fail timeout');
      return response;
    };
    fireEvent.click(screen.getByText('发起预警', { selector: '.ui-button' }));
    expect(await screen.findByText(/不会重复发起/)).toBeTruthy();
    expect(taroMock.modals.at(-1)?.content).toContain('将通知这些村的网格员立即点名，12小时内完成。发起后不能撤回');
    const [first] = callsTo('alerts', 'raise');
    const requestId = inputOf<{ requestId: string }>(first!).requestId;
    expect(taroMock.storage.get('draft:alert-raise')).toMatchObject({ requestId, reason: 'typhoon' });

    await act(async () => {
      await connect();
    });
    fireEvent.click(screen.getByText('发起预警', { selector: '.ui-button' }));
    await waitFor(() => expect(taroMock.lastNavigation()?.kind).toBe('redirectTo'));
    const raises = callsTo('alerts', 'raise');
    expect(raises).toHaveLength(2);
    expect(inputOf<{ requestId: string }>(raises[1]!).requestId).toBe(requestId);
    expect(inputOf(raises[1]!)).toMatchObject({ reason: 'typhoon', deadlineHours: 12, instructions });
    const stored = await alertsIn(requestId);
    expect(stored).toHaveLength(1);
    expect(taroMock.lastNavigation()?.url).toBe(`${ROUTES.alertBoard}?alertId=${encodeURIComponent(String(stored[0]!._id))}`);
    expect(taroMock.storage.has('draft:alert-raise')).toBe(false);
  });
});

describe('预警点名 by the gridworker', () => {
  it('lists the alert; marking a household updates its statuses and the counts without reloading the list', async () => {
    const alertId = await raiseAsOfficer('req-page-roll-1');
    await freshApp();
    await signInAs('gridworker');
    render(<RollCallsPage />);
    const row = await waitFor(() => {
      const found = document.querySelector<HTMLElement>(`[data-alert="${alertId}"] .ui-row`);
      expect(found).not.toBeNull();
      return found!;
    });
    expect(row.textContent).toContain('寒潮预警');
    expect(row.textContent).toMatch(/已联系 0\/\d+（0%）/);
    fireEvent.click(row);
    expect(paramOf(taroMock.lastNavigation()!.url!, 'alertId')).toBe(alertId);

    cleanup();
    taroMock.router.params = { alertId };
    render(<RollCallPage />);
    await waitFor(() => expect(households().length).toBeGreaterThan(0));
    expect(screen.getByText('今晚寒潮降温，请逐户确认取暖和用电安全')).toBeTruthy();
    expect(screen.getByText(/还剩1小时|还剩2小时/)).toBeTruthy();
    const total = count('我的点名', 'total');
    expect(count('我的点名', 'pending')).toBe(total);
    const entriesCalls = callsTo('alerts', 'entries').length;

    // A whole household 平安 at once: it leaves 待联系 at once, no stale row with live buttons.
    const first = households()[0]!;
    const firstId = first.getAttribute('data-household')!;
    const size = first.querySelectorAll('[data-person]').length;
    fireEvent.click(within(first).getByText('写备注'));
    fireEvent.input(within(first).getByLabelText(/户备注$/), { target: { value: '电话联系，已备好取暖器' } });
    fireEvent.click(within(within(first).getByRole('group', { name: /点名$/ })).getByText('平安'));
    await waitFor(() => expect(document.querySelector(`[data-household="${firstId}"]`)).toBeNull());
    expect(screen.getByText(/户已标记为“平安”，移到“已联系”/)).toBeTruthy();
    await waitFor(() => expect(count('我的点名', 'reached')).toBe(size));
    expect(count('我的点名', 'pending')).toBe(total - size);
    const mark = inputOf<{ personIds?: string[]; status: string; note?: string }>(callsTo('alerts', 'mark')[0]!);
    expect(mark).toMatchObject({ status: 'safe', note: '电话联系，已备好取暖器' });
    expect(mark.personIds).toBeUndefined();

    // One person 联系不上: in a household of several, the others are unticked first; they stay under 待联系.
    const shared = households().find((h) => h.querySelectorAll('[data-person]').length > 1)!;
    const ticks = within(shared).getAllByRole('checkbox');
    ticks.slice(1).forEach((t) => fireEvent.click(t));
    fireEvent.click(within(within(shared).getByRole('group', { name: /点名$/ })).getByText('联系不上'));
    await waitFor(() => expect(shared.querySelectorAll('[data-person]')).toHaveLength(ticks.length - 1));
    await waitFor(() => expect(count('我的点名', 'unreachable')).toBe(1));
    expect(inputOf<{ personIds?: string[] }>(callsTo('alerts', 'mark')[1]!).personIds).toHaveLength(1);
    expect(within(shared).getAllByText('待联系', { selector: '.ui-tag' })).toHaveLength(ticks.length - 1);

    // 需要帮助 asks first (it opens an urgent case), then links to the case.
    const third = households().find((h) => h !== shared)!;
    const thirdId = third.getAttribute('data-household')!;
    fireEvent.click(within(within(third).getByRole('group', { name: /点名$/ })).getByText('需要帮助'));
    await waitFor(() => expect(document.querySelector(`[data-household="${thirdId}"]`)).toBeNull());
    expect(taroMock.modals.at(-1)).toMatchObject({ title: '需要帮助', content: expect.stringContaining('发起紧急求助') });
    await waitFor(() => expect(count('我的点名', 'needsHelp')).toBeGreaterThan(0));
    // Counts came from the board; the list was never fetched again.
    expect(callsTo('alerts', 'entries')).toHaveLength(entriesCalls);

    // Under 已联系 the household links to its case.
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '点名名单' })).getByText('已联系'));
    const helped = await waitFor(() => {
      const found = document.querySelector<HTMLElement>(`[data-household="${thirdId}"]`);
      expect(found).not.toBeNull();
      return found!;
    });
    expect(within(helped).getByText('已转为紧急求助，镇民政办会立即处理')).toBeTruthy();
    fireEvent.click(within(helped).getByText('查看求助'));
    const caseUrl = taroMock.lastNavigation()!.url!;
    expect(caseUrl.startsWith(`${ROUTES.workerCase}?id=`)).toBe(true);
    const caseId = paramOf(caseUrl, 'id');
    expect((await db().collection('cases').where({ _id: caseId }).get()).data[0]).toMatchObject({ source: 'discovery' });
  });

  it('under 已联系 a household marked 平安 is changed only when the gridworker confirms', async () => {
    const alertId = await raiseAsOfficer('req-page-roll-2');
    await freshApp();
    await signInAs('gridworker');
    const page = await call('alerts', 'entries', { alertId, limit: 100 });
    if (!page.ok) throw new Error(page.error.message);
    const householdId = page.data.items[0]!.householdId;
    expect((await call('alerts', 'mark', { alertId, householdId, status: 'safe' })).ok).toBe(true);

    taroMock.router.params = { alertId };
    render(<RollCallPage />);
    await waitFor(() => expect(households().length).toBeGreaterThan(0));
    expect(document.querySelector(`[data-household="${householdId}"]`)).toBeNull();
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '点名名单' })).getByText('已联系'));
    const marked = await waitFor(() => {
      const found = document.querySelector<HTMLElement>(`[data-household="${householdId}"]`);
      expect(found).not.toBeNull();
      return found!;
    });
    const marks = callsTo('alerts', 'mark').length;

    // A second tap on 联系不上 asks; declined, nothing is sent and it stays 平安.
    taroMock.modalAnswers.push(false);
    fireEvent.click(within(within(marked).getByRole('group', { name: /点名$/ })).getByText('联系不上'));
    await waitFor(() => expect(taroMock.modals.at(-1)).toMatchObject({ title: '修改点名结果', content: expect.stringContaining('已标记为“平安”。改为“联系不上”吗？') }));
    expect(callsTo('alerts', 'mark')).toHaveLength(marks);
    expect(within(marked).getAllByText('已联系，平安').length).toBeGreaterThan(0);

    // Confirmed, it is changed and moves to 联系不上.
    fireEvent.click(within(within(marked).getByRole('group', { name: /点名$/ })).getByText('联系不上'));
    await waitFor(() => expect(document.querySelector(`[data-household="${householdId}"]`)).toBeNull());
    expect(callsTo('alerts', 'mark')).toHaveLength(marks + 1);
    expect(screen.getByText(/户已标记为“联系不上”，移到“联系不上”/)).toBeTruthy();
  });
});

describe('点名进度 board', () => {
  it('shows the counts by village and grid and the unreached; escalates at the deadline; the officer ends it and sees the summary', async () => {
    const alertId = await raiseAsOfficer('req-page-board-1');
    await freshApp();
    await signInAs('gridworker');
    const page = await call('alerts', 'entries', { alertId, limit: 100 });
    if (!page.ok) throw new Error(page.error.message);
    const householdId = page.data.items[0]!.householdId;
    const safeNames = page.data.items.filter((e) => e.householdId === householdId).map((e) => e.name);
    const marked = await call('alerts', 'mark', { alertId, householdId, status: 'safe' });
    expect(marked.ok).toBe(true);

    await freshApp();
    await signInAs('officer');
    render(<AlertsPage />);
    await waitFor(() => expect(document.querySelector(`[data-alert="${alertId}"]`)).not.toBeNull());
    fireEvent.click(screen.getByText('发起预警', { selector: '.ui-button' }));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: ROUTES.alertRaise });
    cleanup();

    taroMock.router.params = { alertId };
    render(<AlertBoardPage />);
    await screen.findByText('全镇点名进度');
    const total = count('点名进度', 'total');
    expect(total).toBeGreaterThan(safeNames.length);
    expect(count('点名进度', 'reached')).toBe(safeNames.length);
    expect(count('点名进度', 'pending')).toBe(total - safeNames.length);
    const percent = Math.round((safeNames.length / total) * 1000) / 10;
    expect(document.querySelector('[aria-label="点名进度"] [data-percent]')!.textContent).toBe(`${percent}%`);
    // One village, its grids under it, each with a bar.
    expect(document.querySelectorAll('[data-village]')).toHaveLength(1);
    expect(document.querySelectorAll('.ui-area--grid').length).toBeGreaterThan(0);
    expect(screen.getAllByRole('progressbar').length).toBeGreaterThan(2);

    // The unreached: everyone but the household marked safe.
    expect(await screen.findByText(`未联系上 ${total - safeNames.length}人`)).toBeTruthy();
    const list = screen.getByLabelText('未联系上的人员');
    await waitFor(() => expect(list.querySelectorAll('.ui-row').length).toBeGreaterThan(0));
    const listed = Array.from(list.querySelectorAll('.ui-row__title')).map((t) => t.textContent);
    for (const name of safeNames) expect(listed).not.toContain(name);

    // Past the deadline the timer escalates the unreached; the board shows it on its next refresh.
    process.env.LOCAL_CLOCK_OFFSET_MS = String(3 * HOUR);
    await beside(() => FUNCTION_MAINS.alerts({ Type: 'Timer', TriggerName: 'escalateDue', Time: new Date().toISOString() }));
    fireEvent.click(screen.getByText('刷新'));
    expect(await screen.findByText(`已到截止时间，${total - safeNames.length}人未联系上，已通知村干部和民政办`)).toBeTruthy();
    await waitFor(() => expect(within(screen.getByLabelText('未联系上的人员')).getAllByText('已上报').length).toBeGreaterThan(0));

    // Ending it: asked first, then the kept summary.
    fireEvent.click(screen.getByText('结束预警'));
    expect(await screen.findByText('结束时的汇总')).toBeTruthy();
    expect(taroMock.modals.at(-1)).toMatchObject({ title: '结束预警', content: expect.stringContaining(`${total - safeNames.length}人未联系上`) });
    expect(screen.getByText(new RegExp(`结束，已联系 ${safeNames.length}/${total}（${percent}%）`))).toBeTruthy();
    expect(screen.getAllByText('已结束').length).toBeGreaterThan(0);
    expect(screen.queryByText('结束预警')).toBeNull();
    expect(callsTo('alerts', 'close')).toHaveLength(1);
    expect((await beside(() => db().collection('alerts').where({ _id: alertId }).get())).data[0]).toMatchObject({ state: 'closed', summary: { total, safe: safeNames.length } });
  });
});
