// 核查 pages (issue 12): the office opens a campaign, imports comparison results (a faulty file names its rows and
// writes nothing; a good one makes re-check tasks), the board counts them; the gridworker records a re-check.
import './support/env';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import VerifyPage from '../../src/packages/officer/pages/verify/index';
import VerifyBoardPage from '../../src/packages/officer/pages/verify-board/index';
import RechecksPage from '../../src/packages/worker/pages/rechecks/index';
import RecheckPage from '../../src/packages/worker/pages/recheck/index';
import { db } from '../../server/platform/cloud';
import { ROUTES } from '../../src/routes';
import { taroMock } from './mocks/taro';
import { beside, freshApp, signInAs, startRuntime, stopRuntime } from './support/runtime';
import { paramOf, type } from './support/page';
import { chooseFile, routeUploadsTo } from './support/photos';

type Raw = Record<string, unknown> & { _id: string };

beforeAll(async () => routeUploadsTo(await startRuntime()));
beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

/** Two 低保 persons in the first demo gridworker's grid. */
async function flaggable(gridIds: string[]): Promise<Raw[]> {
  const found = await beside(() => db().collection('persons').where({ categories: 'dibao', gridId: db().command.in(gridIds) }).limit(2).get());
  return found.data as Raw[];
}

it('the office opens a campaign, a faulty results file is refused by row, a good one flags two, the gridworker records one', async () => {
  const me = await signInAs('gridworker');
  const worker = (await beside(() => db().collection('users').where({ _id: me.userId }).get())).data[0] as { gridIds: string[] };
  const [a, b] = await flaggable(worker.gridIds);
  expect(b).toBeDefined();

  await signInAs('officer');
  render(<VerifyPage />);
  fireEvent.click(await screen.findByText(/^开启\d{4}年[上下]半年核查$/));
  await screen.findByText('核查批次');
  const nav = await (async () => {
    for (let i = 0; i < 50 && !taroMock.lastNavigation()?.url?.startsWith(ROUTES.verifyBoard); i++) await new Promise((r) => setTimeout(r, 100));
    return taroMock.lastNavigation()!;
  })();
  const campaignId = paramOf(nav.url!, 'id');
  cleanup();

  taroMock.router.params = { id: campaignId };
  render(<VerifyBoardPage />);
  fireEvent.click(await screen.findByText('选择比对结果表格（.xlsx 或 CSV）'));
  await chooseFile('比对结果.csv', Buffer.from(`身份证号,姓名,比对结论代码,疑点说明\n${a!.idNumber},${a!.name},02,有车辆\n${a!.idNumber},${a!.name},02,有车辆\n`, 'utf8'));
  fireEvent.click(await screen.findByText('导入结果'));
  const errors = await screen.findByRole('list', { name: '有错误的行' });
  expect(errors.textContent).toContain('第3行：与第2行是同一个人，重复了');

  fireEvent.click(screen.getByText('已选：比对结果.csv（重新选择）'));
  await chooseFile('比对结果2.csv', Buffer.from(`身份证号,比对结论代码,疑点说明\n${a!.idNumber},02,有车辆\n${b!.idNumber},01,工资收入\n`, 'utf8'));
  await screen.findByText('已选：比对结果2.csv（重新选择）');
  fireEvent.click(screen.getByText('导入结果'));
  expect(await screen.findByText('已导入2行：疑点2人已派给所在网格入户复核')).toBeTruthy();
  expect(await screen.findByText('疑点2人，已复核0人，逾期0人')).toBeTruthy();
  cleanup();

  await signInAs('gridworker');
  render(<RechecksPage />);
  expect(await screen.findByText('待复核（2）')).toBeTruthy();
  fireEvent.click(screen.getByText(String(a!.name)));
  const target = taroMock.lastNavigation()!.url!;
  cleanup();

  taroMock.router.params = { id: paramOf(target, 'id') };
  render(<RecheckPage />);
  await screen.findByText('记录复核结果');
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '复核结果' })).getByText('核实无变化'));
  type('复核情况', '车辆已于2025年卖出，有过户证明');
  fireEvent.click(screen.getByText('提交复核结果'));
  expect(await screen.findByText('请上传入户复核的照片')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '添加照片：入户照片' }));
  await screen.findByRole('button', { name: '删除第1张照片' });
  fireEvent.click(screen.getByText('提交复核结果'));
  expect(await screen.findByText('复核结果')).toBeTruthy();
  expect(screen.getByText('车辆已于2025年卖出，有过户证明')).toBeTruthy();
  cleanup();
}, 60_000);
