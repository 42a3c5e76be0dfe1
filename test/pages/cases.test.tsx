// Help requests and applications on the pages, against the real in-process runtime: the self-report counter and
// submission, its draft and retry, the proxy form's authorisation photo, the worklist tabs, an action form, a
// version conflict, and a resident confirming a proxy application.
import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import SelfReportPage from '../../src/packages/resident/pages/self-report/index';
import MyCasesPage from '../../src/packages/resident/pages/my-cases/index';
import SelfCheckPage from '../../src/packages/resident/pages/self-check/index';
import ResidentCasePage from '../../src/packages/resident/pages/case/index';
import ProxyPage from '../../src/packages/worker/pages/proxy/index';
import WorklistPage from '../../src/packages/officer/pages/worklist/index';
import OfficerCasePage from '../../src/packages/officer/pages/case/index';
import { installChineseValidationMessages } from '../../src/core/zod-messages';
import { ROUTES } from '../../src/routes';
import { CASE_EVENT_LABELS, CASE_SOURCE_LABELS, CASE_STATE_LABELS, RESIDENT_STATE_LABELS } from '../../src/core/cases';
import { SUBSCRIPTION_QUESTION } from '../../src/components/subscription-question';
import { taroMock } from './mocks/taro';
import { routeUploadsTo, uploadAs } from './support/photos';
import { consentDialog, offerLoaded } from './support/subscriptions';
import { callAs, demoUser, freshApp, signInAs, startRuntime, stopRuntime, type CallBody } from './support/runtime';
import { startSession } from '../../src/hooks/use-session';

installChineseValidationMessages();

beforeEach(async () => {
  const rt = await freshApp();
  routeUploadsTo(rt);
});
afterEach(() => {
  delete process.env.LOCAL_CLOCK_OFFSET_MS;
});
afterAll(() => stopRuntime());

type Body = CallBody;

let counter = 0;
async function selfReportByResident(description = '老伴住院，家里没有收入了'): Promise<string> {
  counter += 1;
  const made = await callAs('resident', 'cases', 'create', {
    requestId: `req-page-${Date.now()}-${counter}`,
    case: { source: 'selfReport', applicant: { name: '本人' }, description, helpCategory: 'medical', sensitiveInfoConsent: true },
  });
  if (!made.ok) throw new Error(made.error!.message);
  return made.data.caseId as string;
}

function createRequests() {
  return taroMock.requests.filter((r) => r.path === '/api/call/cases' && (r.body as { action: string }).action === 'create');
}

function textarea(label: string): HTMLTextAreaElement {
  return screen.getByLabelText(label) as HTMLTextAreaElement;
}

async function fillSelfReport(description: string): Promise<void> {
  fireEvent.click(within(await screen.findByRole('radiogroup', { name: '困难类别' })).getByText('看病就医'));
  fireEvent.input(textarea('困难情况'), { target: { value: description } });
  fireEvent.click(screen.getByRole('checkbox'));
}

async function openAsOfficer(caseId: string): Promise<void> {
  await signInAs('officer');
  taroMock.router.params = { id: caseId };
  render(<OfficerCasePage />);
}

/** The case page shows the case in this state. */
async function expectState(state: string): Promise<void> {
  await waitFor(() => expect(document.querySelector('[data-case-state]')?.getAttribute('data-case-state')).toBe(state));
}

/** The element once it is rendered. */
async function findElement(selector: string, root: ParentNode = document): Promise<HTMLElement> {
  return waitFor(() => {
    const found = root.querySelector(selector);
    if (!found) throw new Error(`${selector} is not there yet`);
    return found as HTMLElement;
  });
}

describe('我要求助 (self-report)', () => {
  it('counts characters live and refuses 151 with a clear message', async () => {
    await signInAs('resident');
    render(<SelfReportPage />);
    await fillSelfReport('难'.repeat(150));
    expect(screen.getByText('150/150')).toBeTruthy();
    expect(screen.queryByText(/最多150个字/)).toBeNull();

    fireEvent.input(textarea('困难情况'), { target: { value: '难'.repeat(151) } });
    expect(screen.getByText('151/150').className).toContain('ui-counter--over');
    expect(screen.getByText('最多150个字，现在是151个字')).toBeTruthy();
    fireEvent.click(screen.getByText('提交求助'));
    await screen.findByText('还有内容需要修改，请看标红的提示');
    expect(createRequests()).toHaveLength(0);
  });

  it('creates a case with a photo that shows in 我的办件, then asking about WeChat reminders', async () => {
    await signInAs('resident');
    render(<SelfReportPage />);
    await fillSelfReport('腿摔伤了，没法下地干活');
    fireEvent.click(screen.getByRole('button', { name: '添加照片：求助照片' }));
    await waitFor(() => expect(document.querySelectorAll('.ui-photo__img')).toHaveLength(1));
    await offerLoaded();
    fireEvent.click(screen.getByText('提交求助'));
    await waitFor(() => expect(taroMock.lastNavigation()?.url).toMatch(new RegExp(`^${ROUTES.residentCase}\\?id=`)));
    // Issue 15: once submitted, one plain question; nothing is asked of WeChat until the resident says yes.
    expect(consentDialog().textContent).toContain(SUBSCRIPTION_QUESTION);
    expect(taroMock.subscribeRequests).toHaveLength(0);
    expect(taroMock.storage.has('draft:self-report')).toBe(false);
    const sent = (createRequests()[0].body as { input: { case: { photoFileIds: string[] } } }).input.case;
    expect(sent.photoFileIds).toEqual([expect.stringMatching(/^cloud:\/\/local\//)]);

    const caseId = decodeURIComponent(taroMock.lastNavigation()!.url!.split('id=')[1]);
    const mine = document.body.appendChild(document.createElement('section'));
    render(<MyCasesPage />, { container: mine });
    const row = await findElement(`[data-case-id="${caseId}"]`, mine);
    expect(row.textContent).toContain('求助（待分办）');
    expect(row.textContent).toContain('已收到，等镇里分办');
    // The resident's words for the office's 24-hour acknowledgement, not the clock itself (issue 15).
    expect(row.textContent).toMatch(/镇里会在.+前联系您/);
    expect(row.textContent).not.toContain('受理响应');

    // The case page shows the stored photo through a short-lived signed link from cases.fileUrls, never a stored URL.
    taroMock.router.params = { id: caseId };
    const page = document.body.appendChild(document.createElement('section'));
    render(<ResidentCasePage />, { container: page });
    await waitFor(() => expect(page.querySelector('.ui-photo__img')?.getAttribute('src')).toMatch(/^\/files\/uploads\/.+\?t=\d+\.[\w-]+$/));
    const asked = taroMock.requests.filter((r) => r.path === '/api/call/cases' && (r.body as { action: string }).action === 'fileUrls');
    expect(asked.map((r) => (r.body as { input: unknown }).input)).toEqual([{ caseId, fileIds: sent.photoFileIds }]);
  });

  it('shows a reopened draft\'s photo through a fresh link to the resident\'s own upload once the device copy is gone', async () => {
    const fileID = await uploadAs('resident', 'report');
    taroMock.storage.set('draft:self-report', { requestId: 'r-draft-photo-01', description: '腿摔伤了', photos: [{ fileID, url: 'blob:gone-after-reload' }] });
    await signInAs('resident');
    render(<SelfReportPage />);
    const img = await findElement('.ui-photo__img');
    expect(img.getAttribute('src')).toBe('blob:gone-after-reload');
    fireEvent.error(img);
    await waitFor(() => expect(img.getAttribute('src')).toMatch(/^\/files\/uploads\/.+\?t=/));
    // The draft keeps the file id and the device path only, never a link.
    expect(JSON.stringify(taroMock.storage.get('draft:self-report'))).not.toMatch(/\/files\//);
  });

  it('lets a resident who is not on the roster say which grid they are in', async () => {
    const rt = await startRuntime();
    const users = (await rt.dispatch({ method: 'GET', path: '/api/demo-users', headers: {} })).body as Body;
    const newcomer = (users.data as { userId: string; role: string; where: string }[]).find((u) => u.role === 'resident' && u.where === '尚未登记在册')!;
    const login = await rt.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { userId: newcomer.userId } });
    startSession((login.body as Body).data.token);
    render(<SelfReportPage />);
    await fillSelfReport('刚搬来，找不到工作，房租交不上');
    fireEvent.click(screen.getByText('提交求助'));
    await screen.findByText('请选择您所在的网格');
    expect(createRequests()).toHaveLength(0);
    // The choices arrive after their group is on screen: wait for them, not just the group.
    fireEvent.click((await within(await screen.findByRole('radiogroup', { name: '村(社区)' })).findAllByRole('radio'))[0]!);
    fireEvent.click((await within(await screen.findByRole('radiogroup', { name: '网格' })).findAllByRole('radio'))[0]!);
    fireEvent.click(screen.getByText('提交求助'));
    await waitFor(() => expect(taroMock.lastNavigation()?.url).toMatch(new RegExp(`^${ROUTES.residentCase}\\?id=`)));
    expect((createRequests()[0].body as { input: { gridId?: string } }).input.gridId).toEqual(expect.any(String));
  });

  it('keeps the draft when the network drops, and the retry sends the same request id', async () => {
    await signInAs('resident');
    render(<SelfReportPage />);
    await fillSelfReport('家里断粮了');
    const dispatch = taroMock.requestHandler;
    taroMock.requestHandler = null;
    fireEvent.click(screen.getByText('提交求助'));
    await screen.findByText(/填写的内容已保存/);
    expect((taroMock.storage.get('draft:self-report') as { description: string }).description).toBe('家里断粮了');

    taroMock.requestHandler = dispatch;
    fireEvent.click(screen.getByText('提交求助'));
    await waitFor(() => expect(taroMock.lastNavigation()?.url).toMatch(new RegExp(`^${ROUTES.residentCase}`)));
    const ids = createRequests().map((r) => (r.body as { input: { requestId: string } }).input.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
  });
});

describe('帮办代办 (proxy application)', () => {
  it('requires the photo of the signed authorisation, then files the application', async () => {
    await signInAs('gridworker');
    render(<ProxyPage />);
    fireEvent.click(await findElement('[data-roster-chooser] .ui-row'));
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '救助类别' })).getByText('临时救助（支出型）'));
    fireEvent.click(screen.getByText('提交代办申请'));
    expect(await screen.findByText('请上传本人签字的委托书照片')).toBeTruthy();
    expect(createRequests()).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: '添加照片：委托书' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: '添加照片：委托书' })).toBeNull());
    fireEvent.click(screen.getByText('提交代办申请'));
    await waitFor(() => expect(taroMock.lastNavigation()?.url).toMatch(new RegExp(`^${ROUTES.workerCase}\\?id=`)));
    const sent = (createRequests()[0].body as { input: { personId?: string; case: { authorisationPhotoFileId: string } } }).input;
    expect(sent.personId).toEqual(expect.any(String));
    expect(sent.case.authorisationPhotoFileId).toMatch(/^cloud:\/\/local\//);
  });
});

describe('the resident confirms a proxy application', () => {
  it('ticks each consent and confirms, the case reaches the town, then the reminder question', async () => {
    const resident = await demoUser('resident');
    const me = await callAs('resident', 'session', 'me', {});
    const filed = await callAs('gridworker', 'cases', 'create', {
      requestId: `req-page-proxy-${Date.now()}`,
      personId: me.data.personId,
      case: { source: 'proxy', kind: 'tekun', applicant: { name: resident.name }, authorisationPhotoFileId: await uploadAs('gridworker', 'authorisation') },
    });
    expect(filed.ok).toBe(true);
    await signInAs('resident');
    taroMock.router.params = { id: filed.data.caseId };
    render(<ResidentCasePage />);
    fireEvent.click(await screen.findByText('确认代办申请'));
    for (const box of within(document.querySelector('[data-event-form="confirmByResident"]') as HTMLElement).getAllByRole('checkbox')) fireEvent.click(box);
    await offerLoaded();
    fireEvent.click(screen.getByText('提交：确认代办申请'));
    await screen.findByText(`已确认代办申请，现在是“${RESIDENT_STATE_LABELS.received}”`);
    await expectState('received');
    // Issue 15: then the plain question, its explanation one tap away.
    fireEvent.click(within(consentDialog()).getByText('查看说明'));
    expect(consentDialog().textContent).toContain('审批结果通知');
  });
});

describe('待办工作台 (worklist)', () => {
  it('shows the counts of each tab and lists the overdue ones on their tab', async () => {
    await selfReportByResident();
    // A day and more later the 24-hour acknowledgement is overdue.
    process.env.LOCAL_CLOCK_OFFSET_MS = String(30 * 3_600_000);
    await signInAs('officer');
    render(<WorklistPage />);
    const tab = (due: string) => document.querySelector(`[data-tab="${due}"] .ui-tab__count`)?.textContent;
    await waitFor(() => expect(tab('all')).toMatch(/^\d+$/));
    const counts = (taroMock.responses.filter((r) => r.request.path === '/api/call/cases').at(-1)!.body as Body).data.counts;
    expect(tab('all')).toBe(String(counts.total));
    expect(tab('dueSoon')).toBe(String(counts.dueSoon));
    expect(tab('overdue')).toBe(String(counts.overdue));
    expect(counts.overdue).toBeGreaterThan(0);

    fireEvent.click(document.querySelector('[data-tab="overdue"]') as HTMLElement);
    await waitFor(() => expect((taroMock.requests.at(-1)!.body as { input: { due: string } }).input.due).toBe('overdue'));
    await waitFor(() => expect(document.querySelectorAll('[data-case-id]').length).toBe(Math.min(counts.overdue, 20)));
    for (const row of Array.from(document.querySelectorAll('[data-case-id]'))) {
      expect(row.textContent).toContain('已超期');
      // What is left is the server's count at its own time (moved on 30 h here), not the phone's clock.
      expect(row.textContent).toMatch(/已超时\d+小时|已超期\d+个工作日/);
    }
  });
});

describe('case page actions', () => {
  it('sends the event of a form and shows the new state', async () => {
    const caseId = await selfReportByResident();
    await openAsOfficer(caseId);
    fireEvent.click(await screen.findByText('分办'));
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '分办为' })).getByText('医疗救助（转介）'));
    fireEvent.click(screen.getByText('提交：分办'));
    await screen.findByText('已分办，现在是“待受理”');
    await expectState('received');
    expect(await screen.findByText('转介')).toBeTruthy(); // the next step is offered
    // The audit trail on the same page shows the step without a reload (the data layer invalidates the case).
    const trail = (await screen.findByText('操作记录（审计）')).closest('.ui-card') as HTMLElement;
    await waitFor(() => expect(trail.textContent).toContain(`（${CASE_EVENT_LABELS.triage}：`));
  });

  it('shows the office its audit trail in Chinese words, never the codes it stores', async () => {
    const caseId = await selfReportByResident();
    const seen = await callAs('officer', 'cases', 'get', { caseId });
    expect((await callAs('officer', 'cases', 'transition', { caseId, version: seen.data.case.version, event: { type: 'triage', kind: 'medical' } })).ok).toBe(true);
    await openAsOfficer(caseId);
    const trail = (await screen.findByText('操作记录（审计）')).closest('.ui-card') as HTMLElement;
    await waitFor(() => expect(trail.textContent).toContain(`创建（${CASE_SOURCE_LABELS.selfReport}）`));
    await waitFor(() => expect(trail.textContent).toContain(`（${CASE_EVENT_LABELS.triage}：`));
    expect(trail.textContent).not.toMatch(/selfReport|triage/);
  });

  it('a step taken on the case page shows at once in the worklist Taro keeps mounted below it', async () => {
    const caseId = await selfReportByResident();
    await signInAs('officer');
    render(<WorklistPage />);
    const row = () => document.querySelector(`[data-case-id="${caseId}"]`);
    await waitFor(() => expect(row()?.textContent).toContain(CASE_STATE_LABELS.submitted));
    taroMock.router.params = { id: caseId };
    render(<OfficerCasePage />);
    fireEvent.click(await screen.findByText('分办'));
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '分办为' })).getByText('医疗救助（转介）'));
    fireEvent.click(screen.getByText('提交：分办'));
    await screen.findByText('已分办，现在是“待受理”');
    await waitFor(() => expect(row()?.textContent).toContain(CASE_STATE_LABELS.received));
  });

  it('asks again before an irreversible step and names a missing reason', async () => {
    const caseId = await selfReportByResident();
    await openAsOfficer(caseId);
    fireEvent.click(await screen.findByText('终止办理'));
    fireEvent.click(screen.getByText('提交：终止办理'));
    expect(await screen.findByText('请填写：终止原因')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('终止原因'), { target: { value: '重复求助' } });
    fireEvent.click(screen.getByText('提交：终止办理'));
    await screen.findByText('已终止办理，现在是“已办结”');
    expect(taroMock.modals.at(-1)?.content).toContain('终止');
  });

  it('on a version conflict says the case was handled by someone else and shows the fresh case', async () => {
    const caseId = await selfReportByResident();
    await openAsOfficer(caseId);
    fireEvent.click(await screen.findByText('答复并办结'));
    fireEvent.input(screen.getByLabelText('答复内容'), { target: { value: '已电话答复' } });
    // Meanwhile another officer triages the same case.
    const seen = await callAs('officer', 'cases', 'get', { caseId });
    expect((await callAs('officer', 'cases', 'transition', { caseId, version: seen.data.case.version, event: { type: 'triage', kind: 'medical' } })).ok).toBe(true);

    fireEvent.click(screen.getByText('提交：答复并办结'));
    expect((await screen.findByText(/已被他人处理/)).textContent).toContain('已刷新为最新内容');
    await expectState('received');
    const conflict = taroMock.responses.find((r) => (r.body as Body).error?.code === 'RECORD.CONFLICT');
    expect(conflict).toBeTruthy();
  });
});

describe('the limits record on the case page (issue 11 item 3)', () => {
  it('shows a step that happened earlier than it was entered with both times, judged by when it happened', async () => {
    const caseId = await selfReportByResident('家里失火，无处居住');
    const seen = await callAs('officer', 'cases', 'get', { caseId });
    expect((await callAs('officer', 'cases', 'transition', { caseId, version: seen.data.case.version, event: { type: 'triage', kind: 'temporaryEmergency' } })).ok).toBe(true);
    const triaged = await callAs('officer', 'cases', 'get', { caseId });
    const givenAt = Date.now() - 2 * 3_600_000;
    const help = { type: 'recordEmergencyHelp', what: '送去棉被和食物', amountYuan: 500, givenAt };
    expect((await callAs('officer', 'cases', 'transition', { caseId, version: triaged.data.case.version, event: help })).ok).toBe(true);
    await openAsOfficer(caseId);
    await findElement('[data-clock-met]');
    // The acknowledgement stopped at the triage, then the help clock at the time help was given.
    const line = Array.from(document.querySelectorAll('[data-clock-met]')).at(-1)!;
    expect(line.getAttribute('data-clock-met')).toBe('met');
    expect(line.textContent).toMatch(/^期限 .+；.+ 办理，.+ 登记；按期$/);
    expect(screen.getByText('期限记录')).toBeTruthy();
  });
});

describe('一分钟自测 (self-check)', () => {
  it('shows the likely kinds with reasons and the disclaimer, and leads to a prefilled application', async () => {
    await signInAs('resident');
    render(<SelfCheckPage />);
    fireEvent.input(screen.getByLabelText('家庭人口'), { target: { value: '2' } });
    fireEvent.input(screen.getByLabelText('每月总收入'), { target: { value: '600' } });
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '财产超过规定' })).getByText('否'));
    fireEvent.click(screen.getByText('看看结果'));
    const report = await findElement('[data-self-check-report]');
    expect(report.textContent).toContain('不是审核结果');
    const dibao = report.querySelector('[data-likely="dibao"]') as HTMLElement;
    expect(dibao.textContent).toContain('低于本镇低保标准');
    fireEvent.click(within(dibao).getByText('申请最低生活保障'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: `${ROUTES.apply}?kind=dibao` });
    expect(taroMock.storage.get('apply-prefill')).toMatchObject({ householdSize: 2 });
  });
});
