// Issue 13 pages against the in-process runtime: the policy guide (resident: the four sections and the apply button;
// staff: the checklist and the statutory steps), reached from a self-check result; the office's guide editor with its
// preview; the cadre's village notice, a resident's objection to an entry and the office's answer.
import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import GuidePage from '../../src/packages/common/pages/guide/index';
import GuideEditPage from '../../src/packages/officer/pages/guide-edit/index';
import ObjectionsPage from '../../src/packages/officer/pages/objections/index';
import VillageNoticesPage from '../../src/packages/resident/pages/notices/index';
import SelfCheckPage from '../../src/packages/resident/pages/self-check/index';
import NoticesPage from '../../src/packages/worker/pages/notices/index';
import { startSession } from '../../src/hooks/use-session';
import { ROUTES } from '../../src/routes';
import { db } from '../../server/platform/cloud';
import { JPEG } from '../functions/uploads';
import { taroMock } from './mocks/taro';
import { beside, freshApp, signInAs, startRuntime, stopRuntime } from './support/runtime';
import { callsTo, type } from './support/page';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

async function tokenOf(userId: string): Promise<string> {
  const rt = await startRuntime();
  const res = await rt.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { userId } });
  if (!res.body.ok) throw new Error(res.body.error.message);
  return (res.body.data as { token: string }).token;
}

/** A call as a given user, the way another device would; its data (a failure throws). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an action's answer as the test reads it
async function callAsUser(userId: string, fn: string, action: string, input: unknown): Promise<any> {
  return beside(async () => {
    const rt = await startRuntime();
    const res = await rt.dispatch({ method: 'POST', path: `/api/call/${fn}`, headers: { authorization: `Bearer ${await tokenOf(userId)}` }, body: { action, input } });
    if (!res.body.ok) throw new Error(`${fn}.${action}: ${res.body.error.message}`);
    return res.body.data;
  });
}

async function uploadAsUser(userId: string, purpose: string): Promise<string> {
  return beside(async () => {
    const rt = await startRuntime();
    const res = await rt.dispatch({ method: 'POST', path: '/api/upload', query: new URLSearchParams({ purpose }), headers: { authorization: `Bearer ${await tokenOf(userId)}` }, body: JPEG });
    if (!res.body.ok) throw new Error(res.body.error.message);
    return (res.body.data as { fileID: string }).fileID;
  });
}

type Row = Record<string, unknown> & { _id: string };
const rowsOf = (collection: string, where: object) => beside(async () => (await db().collection(collection).where(where).limit(100).get()).data as Row[]);

/** The first demo cadre's village, a linked resident of it, their gridworker and the town office. */
async function village(): Promise<{ cadre: Row; resident: Row; person: Row; worker: Row; officer: Row }> {
  const users = await rowsOf('users', {});
  const cadre = users.filter((u) => u.role === 'cadre').sort((a, b) => Number(a.createdAt) - Number(b.createdAt) || a._id.localeCompare(b._id))[0]!;
  const villageId = (cadre.villageIds as string[])[0]!;
  for (const resident of users.filter((u) => u.role === 'resident' && u.personId)) {
    const [person] = await rowsOf('persons', { _id: resident.personId });
    if (person?.villageId !== villageId) continue;
    const worker = users.find((u) => u.role === 'gridworker' && (u.gridIds as string[]).includes(String(person.gridId)))!;
    return { cadre, resident, person, worker, officer: users.find((u) => u.role === 'officer')! };
  }
  throw new Error('no linked resident in the cadre’s village');
}

/** The resident's 低保 application, filed by proxy on paper, investigated and reviewed favourably (600 yuan). */
async function reviewedCase(v: Awaited<ReturnType<typeof village>>): Promise<string> {
  const w = v.worker._id;
  const o = v.officer._id;
  const consent = async () => [await uploadAsUser(w, 'consent')];
  const { caseId } = await callAsUser(w, 'cases', 'create', {
    requestId: 'page-notice-case-0001',
    personId: v.person._id,
    case: {
      source: 'proxy',
      kind: 'dibao',
      applicant: { name: '任意' },
      authorisationPhotoFileId: await uploadAsUser(w, 'authorisation'),
      paperConsents: [
        { key: 'truthPledge', fileIds: await consent() },
        { key: 'dataCheckAuthorisation', fileIds: await consent() },
        { key: 'sensitiveInfo', fileIds: await consent() },
      ],
    },
  });
  const step = async (userId: string, event: Record<string, unknown>) => {
    const { case: c } = await callAsUser(userId, 'cases', 'get', { caseId });
    await callAsUser(userId, 'cases', 'transition', { caseId, version: c.version, event });
  };
  await step(w, { type: 'recordPaperConfirmation', photoFileId: await uploadAsUser(w, 'confirmation') });
  const { case: c } = await callAsUser(o, 'cases', 'get', { caseId });
  const items = [];
  for (const m of c.materials as { key: string; required: boolean; platformHeld: boolean }[]) if (m.required && !m.platformHeld) items.push({ key: m.key, fileIds: [await uploadAsUser(w, 'material')] });
  await step(w, { type: 'materialsSupplied', items });
  await step(o, { type: 'accept' });
  await step(o, { type: 'startInvestigation', conductedBy: 'town', investigators: [{ name: '李明' }, { name: '王芳' }], formPhotoFileId: await uploadAsUser(o, 'investigation') });
  await step(o, { type: 'requestDataCheck' });
  await step(o, { type: 'recordDataCheck', result: 'consistent', reference: 'HD-2026-32' });
  await step(o, { type: 'firstReview', opinion: 'approve', note: '符合条件', proposedAmountYuan: 600 });
  return caseId;
}

async function findElement(selector: string): Promise<HTMLElement> {
  return waitFor(() => {
    const found = document.querySelector(selector);
    if (!found) throw new Error(`${selector} is not there yet`);
    return found as HTMLElement;
  });
}

describe('政策指南', () => {
  it('from a self-check result a resident reads the 低保 page and goes on to apply', async () => {
    await signInAs('resident');
    const { unmount } = render(<SelfCheckPage />);
    fireEvent.input(screen.getByLabelText('家庭人口'), { target: { value: '2' } });
    fireEvent.input(screen.getByLabelText('每月总收入'), { target: { value: '600' } });
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '财产超过规定' })).getByText('否'));
    fireEvent.click(screen.getByText('看看结果'));
    const dibao = (await findElement('[data-likely="dibao"]')) as HTMLElement;
    fireEvent.click(within(dibao).getByText('看政策指南'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: `${ROUTES.guide}?topic=dibao` });
    unmount();

    taroMock.router.params = { topic: 'dibao' };
    render(<GuidePage />);
    await findElement('[data-guide-topic="dibao"]');
    for (const title of ['谁可以申请', '要准备什么', '多长时间办好', '到哪里问']) expect(screen.getByText(title)).toBeTruthy();
    expect(document.querySelector('[data-guide-section="time"]')!.textContent).toContain('公示7天');
    // Residents get no staff notes.
    expect(document.querySelector('[data-guide-checklist]')).toBeNull();
    fireEvent.click(screen.getByText('申请最低生活保障（低保）'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: `${ROUTES.apply}?kind=dibao` });
  });

  it('staff see the checklist and the statutory steps; the office edits with a preview and saves', async () => {
    await signInAs('officer');
    taroMock.router.params = { topic: 'tekun' };
    const { unmount } = render(<GuidePage />);
    const steps = await findElement('[data-guide-steps]');
    expect(steps.textContent).toContain('张榜公示');
    expect(document.querySelector('[data-guide-checklist]')!.textContent).toContain('家庭经济状况核对授权书');
    fireEvent.click(screen.getByText('编辑本页'));
    expect(taroMock.lastNavigation()).toEqual({ kind: 'navigateTo', url: `${ROUTES.guideEdit}?topic=tekun` });
    unmount();

    render(<GuideEditPage />);
    await findElement('[data-guide-edit="tekun"]');
    type('到哪里问', '清溪镇民政办（镇政府一楼），工作日上午');
    fireEvent.click(screen.getByText('预览'));
    expect((await findElement('[data-guide-preview]')).textContent).toContain('清溪镇民政办（镇政府一楼），工作日上午');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('已保存，居民现在看到的是新内容')).toBeTruthy();
    expect(callsTo('cases', 'saveGuide')).toHaveLength(1);
    const [stored] = await rowsOf('guides', { _id: 'tekun' });
    expect(stored).toMatchObject({ where: '清溪镇民政办（镇政府一楼），工作日上午', version: 1 });
  });
});

describe('村务公示', () => {
  it('the cadre publishes; a resident of the village objects; the office answers and the resident reads it', async () => {
    const v = await village();
    await reviewedCase(v);

    startSession(await tokenOf(v.cadre._id));
    const cadrePage = render(<NoticesPage />);
    const ready = await findElement('[data-notice-ready]');
    await waitFor(() => expect(ready.textContent).toContain(String(v.person.name)));
    expect(ready.textContent).toContain('每月600元');
    fireEvent.click(screen.getByText('发布公示'));
    expect(await screen.findByText(/^已公示1户，公示期 /)).toBeTruthy();
    cadrePage.unmount();

    startSession(await tokenOf(v.resident._id));
    const residentPage = render(<VillageNoticesPage />);
    const entry = await findElement('[data-entry="0"]');
    expect(entry.textContent).toContain(String(v.person.name));
    fireEvent.click(within(entry).getByText(`对${String(v.person.name)}有异议`));
    type('异议内容', '他家去年新买了小汽车');
    fireEvent.click(screen.getByText('提交异议'));
    expect(await screen.findByText('异议已提交，镇民政办答复后会通知你')).toBeTruthy();
    residentPage.unmount();

    await signInAs('officer');
    const officerPage = render(<ObjectionsPage />);
    const row = await findElement('[data-objection]');
    expect(row.textContent).toContain('他家去年新买了小汽车');
    fireEvent.click(within(row).getByText('答复'));
    type('答复', '经核实，车辆登记在其已分户的儿子名下');
    fireEvent.click(screen.getByText('提交答复'));
    expect(await screen.findByText('已答复')).toBeTruthy();
    officerPage.unmount();

    startSession(await tokenOf(v.resident._id));
    render(<VillageNoticesPage />);
    const mine = await findElement('[data-my-objection="answered"]');
    expect(mine.textContent).toContain('经核实，车辆登记在其已分户的儿子名下');
  });
});
