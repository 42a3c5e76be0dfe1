// Issue 15 item 2 on the resident's pages, against the real in-process runtime: 我的办件 and the case page speak the
// resident's words — what they must do, when to expect an answer — never the office's clocks or 将到期 tags;
// 确认代办 lists only the proxy applications waiting for their confirmation; the application form shows the roster's
// household size and lets the resident report a change (item 3).
import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import MyCasesPage from '../../src/packages/resident/pages/my-cases/index';
import ResidentCasePage from '../../src/packages/resident/pages/case/index';
import ApplyPage from '../../src/packages/resident/pages/apply/index';
import { CLOCK_STEP_LABELS, RESIDENT_ASK_LABELS } from '../../src/core/cases';
import { taroMock } from './mocks/taro';
import { routeUploadsTo, uploadAs } from './support/photos';
import { callAs, freshApp, signInAs, stopRuntime } from './support/runtime';

/** Words that belong to the office's clocks and due tags. */
const OFFICE_WORDS = ['将到期', '已超期', '期限', '工作日', '还剩', '已超时', ...Object.values(CLOCK_STEP_LABELS)];

beforeEach(async () => {
  routeUploadsTo(await freshApp());
});
afterEach(() => {
  delete process.env.LOCAL_CLOCK_OFFSET_MS;
});
afterAll(() => stopRuntime());

let n = 0;
async function selfReport(): Promise<string> {
  n += 1;
  const made = await callAs('resident', 'cases', 'create', {
    requestId: `req-mine-${Date.now()}-${n}`,
    case: { source: 'selfReport', applicant: { name: '本人' }, description: '老伴住院，家里没有收入了', helpCategory: 'medical', sensitiveInfoConsent: true },
  });
  if (!made.ok) throw new Error(made.error!.message);
  return made.data.caseId as string;
}

async function proxyApplication(): Promise<string> {
  const me = await callAs('resident', 'session', 'me', {});
  const filed = await callAs('gridworker', 'cases', 'create', {
    requestId: `req-mine-proxy-${Date.now()}`,
    personId: me.data.personId,
    case: { source: 'proxy', kind: 'tekun', applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs('gridworker', 'authorisation') },
  });
  if (!filed.ok) throw new Error(filed.error!.message);
  return filed.data.caseId as string;
}

const rowOf = (caseId: string) => document.querySelector(`[data-case-id="${caseId}"]`) as HTMLElement | null;
function expectNoOfficeWords(text: string): void {
  for (const word of OFFICE_WORDS) expect(text).not.toContain(word);
}

// First in the file: the runtime's database lives across tests, and no proxy application is filed for the resident yet.
it('确认代办 lists only what waits for the resident’s confirmation, or says there is none', async () => {
  await selfReport();
  await signInAs('resident');
  taroMock.router.params = { show: 'confirm' };
  const first = render(<MyCasesPage />);
  await screen.findByText('没有等您确认的代办申请');
  expect(screen.getAllByText('确认代办').length).toBeGreaterThan(0);
  expect(document.querySelectorAll('[data-case-id]')).toHaveLength(0);
  first.unmount();

  const proxied = await proxyApplication();
  render(<MyCasesPage />);
  await waitFor(() => expect(rowOf(proxied)).not.toBeNull());
  expect(document.querySelectorAll('[data-case-id]')).toHaveLength(1);
  expect(screen.getByText('等您确认的代办申请')).toBeTruthy();
});

it('我的办件: the resident’s words and no office clock, those waiting for them first', async () => {
  const reported = await selfReport();
  const proxied = await proxyApplication();
  // 20 hours on, the office's 24-hour acknowledgement is "due soon" on staff pages.
  process.env.LOCAL_CLOCK_OFFSET_MS = String(20 * 3_600_000);
  const staff = await callAs('officer', 'cases', 'get', { caseId: reported });
  expect(staff.data.dueStatus).toBe('dueSoon');

  await signInAs('resident');
  render(<MyCasesPage />);
  await waitFor(() => expect(rowOf(reported)).not.toBeNull());
  expect(screen.getByText('我的办件')).toBeTruthy();
  const rows = Array.from(document.querySelectorAll('[data-case-id]')).map((r) => r.getAttribute('data-case-id'));
  expect(rows.indexOf(proxied)).toBeLessThan(rows.indexOf(reported));
  expect(rowOf(proxied)!.textContent).toContain(RESIDENT_ASK_LABELS.confirmProxy);
  expect(rowOf(proxied)!.textContent).toContain('等您确认');
  expect(rowOf(reported)!.textContent).toMatch(/镇里会在\d{4}-\u2060\d{2}-\u2060\d{2}\u00a0\d{2}:\d{2}前联系您/);
  expectNoOfficeWords(document.body.textContent ?? '');
});

it('the resident’s case page tells when to expect an answer, without the office’s clocks', async () => {
  const reported = await selfReport();
  process.env.LOCAL_CLOCK_OFFSET_MS = String(20 * 3_600_000);
  await signInAs('resident');
  taroMock.router.params = { id: reported };
  render(<ResidentCasePage />);
  await screen.findByText('接下来');
  expect(document.querySelector('[data-case-state]')!.textContent).toContain('已收到，等镇里分办');
  expectNoOfficeWords(document.body.textContent ?? '');
});

it('申请救助 shows the roster’s household size; 家庭人口有变化 reaches the gridworker and the case keeps the roster’s', async () => {
  const me = await callAs('resident', 'session', 'me', {});
  const rosterSize = me.data.householdSize as number;
  expect(rosterSize).toBeGreaterThan(0);
  await signInAs('resident');
  taroMock.router.params = { kind: 'temporaryEmergency' };
  render(<ApplyPage />);
  expect((await screen.findByText(`花名册登记：${rosterSize}人`)).textContent).toBeTruthy();
  expect(screen.queryByLabelText('家庭人口')).toBeNull(); // no input the roster would silently override

  fireEvent.click(screen.getByText('家庭人口有变化'));
  fireEvent.click(screen.getByText('提交申请'));
  await screen.findByText('请填写现在的家庭人口');
  fireEvent.input(screen.getByLabelText('现在家庭人口（人）'), { target: { value: String(rosterSize + 1) } });
  fireEvent.input(screen.getByLabelText('有什么变化'), { target: { value: '孙子出生了' } });
  const consents = screen.getByText('承诺和授权').closest('.ui-card') as HTMLElement;
  for (const box of within(consents).getAllByRole('checkbox')) fireEvent.click(box);
  fireEvent.click(screen.getByText('提交申请'));
  await waitFor(() => expect(taroMock.lastNavigation()?.url).toMatch(/id=/));

  const caseId = decodeURIComponent(taroMock.lastNavigation()!.url!.split('id=')[1]);
  const { data } = await callAs('officer', 'cases', 'get', { caseId });
  expect(data.case.applicant.householdSize).toBe(rosterSize);
  const inbox = await callAs('gridworker', 'session', 'inbox', { limit: 20 });
  const report = (inbox.data.items as { type: string; body: string }[]).find((m) => m.type === 'householdChange');
  expect(report?.body).toContain(`本人说现在${rosterSize + 1}人（孙子出生了）`);
});
