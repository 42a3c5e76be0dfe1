// Issue 15 item 4 on the officer's case page, against the real in-process runtime: a step is offered only when it
// can succeed — no 登记核对结果 before 申请经济状况核对 — and 补齐手续 says what is missing before any confirmation,
// with its submit disabled while materials are missing.
import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import OfficerCasePage from '../../src/packages/officer/pages/case/index';
import { CASE_EVENT_LABELS } from '../../src/core/cases';
import { taroMock } from './mocks/taro';
import { routeUploadsTo, uploadAs } from './support/photos';
import { callAs, freshApp, signInAs, stopRuntime } from './support/runtime';

beforeEach(async () => {
  routeUploadsTo(await freshApp());
});
afterAll(() => stopRuntime());

type Role = 'resident' | 'gridworker' | 'officer';

async function step(role: Role, caseId: string, event: Record<string, unknown>): Promise<void> {
  const { data } = await callAs(role, 'cases', 'get', { caseId });
  const done = await callAs(role, 'cases', 'transition', { caseId, version: data.case.version, event });
  if (!done.ok) throw new Error(done.error!.message);
}

async function proxyCase(kind: 'dibao' | 'temporaryEmergency'): Promise<string> {
  const me = await callAs('resident', 'session', 'me', {});
  const filed = await callAs('gridworker', 'cases', 'create', {
    requestId: `req-steps-${kind}-${Date.now()}`,
    personId: me.data.personId,
    case: { source: 'proxy', kind, applicant: { name: '任意' }, authorisationPhotoFileId: await uploadAs('gridworker', 'authorisation') },
  });
  if (!filed.ok) throw new Error(filed.error!.message);
  return filed.data.caseId as string;
}

async function openAsOfficer(caseId: string): Promise<HTMLElement> {
  await signInAs('officer');
  taroMock.router.params = { id: caseId };
  render(<OfficerCasePage />);
  return waitFor(() => {
    const actions = document.querySelector('[data-event]')?.closest('.ui-card');
    if (!actions) throw new Error('no actions yet');
    return actions as HTMLElement;
  });
}

const offered = (card: HTMLElement) => Array.from(card.querySelectorAll('[data-event]')).map((e) => e.getAttribute('data-event'));

it('offers 申请经济状况核对 and not 登记核对结果 until the check was requested', async () => {
  const caseId = await proxyCase('dibao');
  await step('resident', caseId, { type: 'confirmByResident', consents: ['truthPledge', 'dataCheckAuthorisation', 'sensitiveInfo'] });
  const [income, assets] = [await uploadAs('gridworker', 'material'), await uploadAs('gridworker', 'material')];
  await step('gridworker', caseId, { type: 'materialsSupplied', items: [{ key: 'incomeStatement', fileIds: [income] }, { key: 'assetsStatement', fileIds: [assets] }] });
  await step('officer', caseId, { type: 'accept' });

  const card = await openAsOfficer(caseId);
  expect(offered(card)).toContain('requestDataCheck');
  expect(offered(card)).not.toContain('recordDataCheck');
  expect(within(card).queryByText(CASE_EVENT_LABELS.recordDataCheck)).toBeNull();

  fireEvent.click(within(card).getByText(CASE_EVENT_LABELS.requestDataCheck));
  fireEvent.click(await screen.findByText(`提交：${CASE_EVENT_LABELS.requestDataCheck}`));
  await waitFor(() => expect(document.querySelector('[data-event="recordDataCheck"]')).not.toBeNull());
  expect(document.querySelector('[data-event="requestDataCheck"]')).toBeNull();
});

it('补齐手续 lists what is missing before any confirmation and cannot be submitted while it is', async () => {
  const caseId = await proxyCase('temporaryEmergency');
  await step('gridworker', caseId, { type: 'recordEmergencyHelp', what: '送去棉被和食物', amountYuan: 300 });
  await step('resident', caseId, { type: 'confirmByResident', consents: ['sensitiveInfo'] });
  const { data } = await callAs('officer', 'cases', 'get', { caseId });
  const missing = (data.missing as { label: string }[]).map((m) => m.label);
  expect(missing.length).toBeGreaterThan(0);

  const card = await openAsOfficer(caseId);
  fireEvent.click(within(card).getByText(CASE_EVENT_LABELS.completePaperwork));
  const form = document.querySelector('[data-event-form="completePaperwork"]') as HTMLElement;
  const reason = within(form).getByRole('alert');
  for (const label of missing) expect(reason.textContent).toContain(label);
  expect(reason.textContent).toContain('补交材料');
  const submit = within(form).getByText(`提交：${CASE_EVENT_LABELS.completePaperwork}`).closest('[aria-disabled]') as HTMLElement;
  expect(submit.getAttribute('aria-disabled')).toBe('true');
  fireEvent.click(submit);
  // No confirmation is asked and nothing is sent.
  expect(taroMock.modals).toHaveLength(0);
  expect(taroMock.requests.filter((r) => (r.body as { action: string }).action === 'transition')).toHaveLength(0);
});
