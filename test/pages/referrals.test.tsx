// Issue 13 pages against the in-process runtime: the gridworker refers a roster person (the form's checks, then the
// referral page); the office's board (filters, overdue first) and the office recording an answer on the referral
// page; the resident's view of the answer; the cadre's 民主评议 record with its minutes photo, shown on the case.
import './support/env';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ReferralsPage from '../../src/packages/officer/pages/referrals/index';
import ReferralPage from '../../src/packages/officer/pages/referral/index';
import ReferralNewPage from '../../src/packages/worker/pages/referral-new/index';
import ResidentReferralPage from '../../src/packages/resident/pages/referral/index';
import ReviewPage from '../../src/packages/worker/pages/review/index';
import WorkerCasePage from '../../src/packages/worker/pages/case/index';
import OfficerCasePage from '../../src/packages/officer/pages/case/index';
import MyCasesPage from '../../src/packages/resident/pages/my-cases/index';
import { ROUTES } from '../../src/routes';
import { db } from '../../server/platform/cloud';
import { taroMock } from './mocks/taro';
import { callsTo, paramOf, rows, type } from './support/page';
import { routeUploadsTo } from './support/photos';
import { callAs, demoUser, freshApp, signInAs, stopRuntime } from './support/runtime';

beforeEach(async () => {
  routeUploadsTo(await freshApp());
});
afterAll(() => stopRuntime());

/** A roster person in the first demo gridworker's grid who has a linked resident account, if the seed has one there. */
async function personOfWorker(): Promise<{ _id: string; name: string; villageId: string }> {
  const worker = await demoUser('gridworker');
  const user = (await db().collection('users').where({ _id: worker.userId }).get()).data[0] as { gridIds: string[] };
  return (await db().collection('persons').where({ gridId: user.gridIds[0] }).limit(1).get()).data[0] as { _id: string; name: string; villageId: string };
}

async function refer(kind: string, personId: string, requestId: string): Promise<string> {
  const made = await callAs('gridworker', 'referrals', 'create', { requestId, kind, reason: '需要有关部门办理', from: { kind: 'person', personId } });
  if (!made.ok) throw new Error(made.error!.message);
  return made.data._id as string;
}

describe('发起转介', () => {
  it('asks for the kind and the reason, then opens the new referral for the worker', async () => {
    const person = await personOfWorker();
    await signInAs('gridworker');
    taroMock.router.params = { personId: person._id };
    render(<ReferralNewPage />);
    fireEvent.click(await screen.findByText('提交转介'));
    expect(await screen.findByText('请选择转介类别')).toBeTruthy();
    expect(screen.getByText('请写明转介原因')).toBeTruthy();
    expect(callsTo('referrals', 'create')).toHaveLength(0);

    fireEvent.click(within(screen.getByRole('radiogroup', { name: '转介类别' })).getByText('住房救助'));
    expect(screen.getByText('不填即为：县住房和城乡建设局')).toBeTruthy();
    type('转介原因', '房屋漏雨，需要危房改造');
    fireEvent.click(screen.getByText('提交转介'));
    await waitFor(() => expect(taroMock.lastNavigation()?.kind).toBe('redirectTo'));
    const url = taroMock.lastNavigation()!.url!;
    expect(url.startsWith(ROUTES.workerReferral)).toBe(true);
    const stored = (await db().collection('referrals').where({ _id: paramOf(url, 'id') }).get()).data[0] as Record<string, unknown>;
    expect(stored).toMatchObject({ kind: 'housing', office: '县住房和城乡建设局', personId: person._id, state: 'sent' });
  });
});

describe('转介 board and the office’s answer', () => {
  it('filters by kind; recording the office’s answer shows it and moves the referral out of the open list', async () => {
    const person = await personOfWorker();
    const judicial = await refer('judicial', person._id, 'req-page-ref-1');
    await refer('medical', person._id, 'req-page-ref-2');
    await signInAs('officer');
    render(<ReferralsPage />);
    await waitFor(() => expect(rows().length).toBeGreaterThanOrEqual(2));
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '类别' })).getByText('司法救助'));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain(`${person.name} · 司法救助`);
    expect(rows()[0]!.textContent).toContain('转介跟进');
    fireEvent.click(rows()[0]!);
    expect(paramOf(taroMock.lastNavigation()!.url!, 'id')).toBe(judicial);
    cleanup();

    taroMock.router.params = { id: judicial };
    render(<ReferralPage />);
    fireEvent.click(await screen.findByText('登记办理结果', { selector: '.ui-button' }));
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '办理结果' })).getByText('给予救助'));
    type('救助金额（元）', '3000');
    type('对方答复', '决定给予司法救助金');
    fireEvent.click(screen.getByText('提交：登记办理结果'));
    expect(await screen.findByText('给予救助：3000元')).toBeTruthy();
    expect(screen.getAllByText('已有结果').length).toBeGreaterThan(0);
    cleanup();

    render(<ReferralsPage />);
    await waitFor(() => expect(rows().some((r) => r.textContent?.includes('医疗救助'))).toBe(true));
    expect(rows().some((r) => r.textContent?.includes('司法救助'))).toBe(false);
  });

  it('shows the resident where their referral went and the answer, without staff names', async () => {
    const resident = (await db().collection('users').where({ role: 'resident' }).get()).data.find((u) => u.personId) as { personId: string; _id: string } | undefined;
    if (!resident) throw new Error('the seed links a resident');
    const officerSide = await callAs('officer', 'referrals', 'create', { requestId: 'req-page-ref-res', kind: 'employment', reason: '需要就业岗位', from: { kind: 'person', personId: resident.personId } });
    expect(officerSide.ok).toBe(true);
    const id = officerSide.data._id as string;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await callAs('officer', 'referrals', 'step', { referralId: id, version: 0, step: { step: 'decide', decidedOn: today, outcome: 'granted', service: '公益性岗位', note: '已安排公益性岗位' } });
    await signInAs('resident');
    taroMock.router.params = { id };
    render(<ResidentReferralPage />);
    expect(await screen.findByText('给予救助：公益性岗位')).toBeTruthy();
    expect(screen.getByText('已安排公益性岗位')).toBeTruthy();
    const officer = await demoUser('officer');
    expect(document.body.textContent).not.toContain(officer.name);
  });
});

describe('one referral path', () => {
  it('a referred case shows its referral to record the answer there, not a 登记转介结果 of its own; the resident sees it in 我的办件', async () => {
    const made = await callAs('resident', 'cases', 'create', {
      requestId: 'req-page-ref-case',
      case: { source: 'selfReport', applicant: { name: '本人' }, description: '房屋漏雨，无力修缮', helpCategory: 'housing', sensitiveInfoConsent: true },
    });
    if (!made.ok) throw new Error(made.error!.message);
    const caseId = made.data.caseId as string;
    await callAs('officer', 'cases', 'transition', { caseId, version: 0, event: { type: 'triage', kind: 'housing' } });
    const referred = await callAs('officer', 'cases', 'transition', { caseId, version: 1, event: { type: 'refer', note: '房屋漏雨需要危房改造' } });
    expect(referred.ok).toBe(true);
    const referralId = `${caseId}-referral`;

    await signInAs('officer');
    taroMock.router.params = { id: caseId };
    render(<OfficerCasePage />);
    expect(await screen.findByText(/对方单位的答复请打开转介记录登记/)).toBeTruthy();
    expect(screen.queryByText('登记转介结果')).toBeNull();
    expect(screen.queryByText('转介到有关部门')).toBeNull();
    const row = await waitFor(() => {
      const found = rows().find((r) => r.textContent?.includes('县住房和城乡建设局'));
      if (!found) throw new Error('referral not listed yet');
      return found;
    });
    fireEvent.click(row);
    const url = taroMock.lastNavigation()!.url!;
    expect(url.startsWith(ROUTES.referral)).toBe(true);
    expect(paramOf(url, 'id')).toBe(referralId);
    cleanup();

    await signInAs('resident');
    render(<MyCasesPage />);
    const mine = await waitFor(() => {
      const found = rows().find((r) => r.textContent?.includes('住房救助') && r.textContent?.includes('已转出'));
      if (!found) throw new Error('referral not listed yet');
      return found;
    });
    expect(screen.getByText('转介到其他部门的')).toBeTruthy();
    fireEvent.click(mine);
    expect(paramOf(taroMock.lastNavigation()!.url!, 'id')).toBe(referralId);
    expect(taroMock.lastNavigation()!.url!.startsWith(ROUTES.residentReferral)).toBe(true);
  });
});

describe('民主评议', () => {
  it('the cadre records a meeting on a village case with the minutes photo; the case page shows it', async () => {
    const person = await personOfWorker();
    const made = await callAs('gridworker', 'cases', 'create', {
      requestId: 'req-page-apr-case',
      personId: person._id,
      case: { source: 'discovery', applicant: { name: '任意' }, description: '家庭困难有争议', helpCategory: 'living', urgency: 'normal' },
    });
    const caseId = made.data.caseId as string;
    const cadre = await signInAs('cadre');
    const cadreUser = (await db().collection('users').where({ _id: cadre.userId }).get()).data[0] as { villageIds: string[] };
    expect(cadreUser.villageIds).toContain(person.villageId);
    render(<ReviewPage />);
    expect(await screen.findByText(/不再是必经程序/)).toBeTruthy();
    const row = await waitFor(() => {
      const found = document.querySelector<HTMLElement>(`[data-case="${caseId}"]`);
      if (!found) throw new Error('case not listed yet');
      return found;
    });
    fireEvent.click(within(row).getByRole('checkbox'));
    fireEvent.click(within(screen.getByRole('radiogroup', { name: `${person.name}的评议意见` })).getByText('同意'));
    type('参会人数', '21');
    fireEvent.click(screen.getByText('登记民主评议', { selector: '.ui-button' }));
    expect(await screen.findByText('请上传会议记录照片')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '添加照片：会议记录照片' }));
    await waitFor(() => expect(document.querySelectorAll('.ui-photo:not(.ui-photo--add)').length).toBe(1));
    fireEvent.click(screen.getByText('登记民主评议', { selector: '.ui-button' }));
    expect(await screen.findByText('已登记，评议结果已显示在相关办件上')).toBeTruthy();
    await waitFor(() => expect(document.querySelectorAll('[data-appraisal]')).toHaveLength(1));
    cleanup();

    await signInAs('gridworker');
    taroMock.router.params = { id: caseId };
    render(<WorkerCasePage />);
    await waitFor(() => expect(document.querySelectorAll('[data-appraisal]')).toHaveLength(1));
    expect(screen.getByText('21 人')).toBeTruthy();
    expect(screen.getByText('同意')).toBeTruthy();
    // Not a referral case: a referral to another office can be made from it.
    expect(screen.getByText('转介到有关部门')).toBeTruthy();
  });
});
