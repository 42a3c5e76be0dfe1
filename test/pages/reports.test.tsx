// The reports subpackage's pages (issue 12) on the local runtime: each role's dashboard shows its area's figures with
// charts beside them; the export page sends the chosen export and hands the file's link to the browser as a download.
import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import DashboardPage from '../../src/packages/reports/pages/dashboard/index';
import ExportPage from '../../src/packages/reports/pages/export/index';
import { callsTo } from './support/page';
import { callAs, freshApp, settle, signInAs, stopRuntime } from './support/runtime';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

/** The number shown above a figure's label. */
function figure(label: string): string {
  const tile = screen.getByText(label, { selector: '.rp-figure__label' }).closest('.rp-figure') as HTMLElement;
  return tile.querySelector('.rp-figure__value')!.textContent ?? '';
}

it('the officer sees the town\'s figures and charts, and narrows them to one village', async () => {
  const town = (await callAs('officer', 'reports', 'dashboard', {})).data;
  await signInAs('officer');
  render(<DashboardPage />);
  await screen.findByText('全镇办件与时限');
  expect(screen.getByText('数据看板')).toBeTruthy();
  expect(figure('在办件')).toBe(String(town.openCases.total));
  expect(figure('已超时限')).toBe(String(town.clocks.breached));
  expect(figure('逾期未走访')).toBe(String(town.overdueVisits));
  expect(screen.getByRole('img', { name: '近12个月新办件、主动发现和走访' })).toBeTruthy();

  const villages = (await callAs('officer', 'session', 'areas', {})).data;
  const scope = screen.getByRole('radiogroup', { name: '范围' });
  fireEvent.click(within(scope).getByText(villages[0].name));
  await screen.findByText('本村办件与时限');
  await settle();
  expect((callsTo('reports', 'dashboard').at(-1)!.body as { input: unknown }).input).toEqual({ villageId: villages[0]._id });
  const village = (await callAs('officer', 'reports', 'dashboard', { villageId: villages[0]._id })).data;
  expect(figure('在办件')).toBe(String(village.openCases.total));
});

it('a cadre opens 村情概览: their village, with no choice of another', async () => {
  const own = (await callAs('cadre', 'reports', 'dashboard', {})).data;
  await signInAs('cadre');
  render(<DashboardPage />);
  await screen.findByText('本村办件与时限');
  expect(screen.getByText('村情概览')).toBeTruthy();
  expect(screen.queryByRole('radiogroup', { name: '范围' })).toBeNull();
  expect(figure('未办结问题')).toBe(String(own.issues.unresolved));
});

it('exports the chosen kind and downloads the file under its name', async () => {
  const clicked: Array<{ href: string; download: string }> = [];
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
  });
  try {
    await signInAs('officer');
    render(<ExportPage />);
    const kinds = await screen.findByRole('radiogroup', { name: '导出内容' });
    fireEvent.click(within(kinds).getByText('走访记录'));
    fireEvent.click(screen.getByRole('button', { name: '导出' }));
    await screen.findByText(/^共 \d+ 行。已下载“走访记录-\d{14}\.xlsx”/);
    expect((callsTo('reports', 'export')[0]!.body as { input: unknown }).input).toEqual({ kind: 'visits' });
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.href).toMatch(/^\/files\/uploads\/.+\/export\/.+\.xlsx\?t=/);
    expect(clicked[0]!.download).toMatch(/^走访记录-\d{14}\.xlsx$/);
  } finally {
    click.mockRestore();
  }
});
