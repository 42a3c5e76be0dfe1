// The decision form shows the computed amount beside the input and asks for a reason when more is typed (RULES §33).
import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { EventForm } from '../../src/components/event-form';
import { taroMock } from './mocks/taro';
import { bj, reviewedApplication } from '../domain/cases/fixtures';
import type { CaseEvent } from '../../src/core/cases';

const amountSuggestion = { amountYuan: 600, basis: '（低保标准800元 − 人均月收入500元）× 2人' };

function openForm(): CaseEvent[] {
  const sent: CaseEvent[] = [];
  const c = reviewedApplication('dibao', bj('2025-10-09'));
  render(
    <EventForm
      type='recordCountyDecision'
      ctx={{ c, missing: [], role: 'officer', amountSuggestion }}
      onSubmit={async (event) => {
        sent.push(event);
        return null;
      }}
      onCancel={() => undefined}
    />,
  );
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '决定' })).getByText('批准'));
  return sent;
}

const submit = () => fireEvent.click(screen.getByText(/^提交：/));
const typeAmount = (value: string) => fireEvent.input(screen.getByLabelText('批准金额（元）'), { target: { value } });
const REASON = '高于测算金额的理由（分档或特殊情况）';

it('shows the computed amount and sends the suggested amount without a reason', async () => {
  const sent = openForm();
  expect(screen.getByText(`测算金额 600 元：${amountSuggestion.basis}`)).toBeTruthy();
  typeAmount('600');
  expect(screen.queryByLabelText(REASON)).toBeNull();
  submit();
  await waitFor(() => expect(sent).toHaveLength(1));
  expect(taroMock.modals.at(-1)?.content).toContain('600');
  expect(sent[0]).toMatchObject({ type: 'recordCountyDecision', decision: { outcome: 'approve', amountYuan: 600 } });
});

it('asks for a written reason when the amount typed is more than computed', async () => {
  const sent = openForm();
  typeAmount('700');
  expect(screen.getByLabelText(REASON)).toBeTruthy();
  submit();
  expect(await screen.findByText(`请填写：${REASON}`)).toBeTruthy();
  expect(sent).toEqual([]);
});
