import './support/env';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import CapturePage from '../../src/packages/worker/pages/capture/index';
import PersonEditPage from '../../src/packages/worker/pages/person-edit/index';
import SearchPage from '../../src/packages/officer/pages/search/index';
import ImportPage from '../../src/packages/officer/pages/import/index';
import WarningsPage from '../../src/packages/officer/pages/warnings/index';
import KeyHouseholdsPage from '../../src/packages/officer/pages/key-households/index';
import UsersPage from '../../src/packages/admin/pages/users/index';
import AreasPage from '../../src/packages/admin/pages/areas/index';
import { makeIdNumber } from '../../src/core/id-number';
import { IMPORT_TEMPLATE_HEADERS } from '../../src/core/roster/ledger-import';
import { toCsv } from '../../src/core/roster/csv';
import { db } from '../../server/platform/cloud';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { local } from '../../local/wx-server-sdk';
import { ROUTES } from '../../src/routes';
import { taroMock } from './mocks/taro';
import { beside, freshApp, signInAs, startRuntime, stopRuntime } from './support/runtime';
import { rows, type } from './support/page';
import { chooseFile, routeUploadsTo } from './support/photos';

beforeAll(async () => routeUploadsTo(await startRuntime())); // the ledger goes up as a file
beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

type Raw = Record<string, unknown> & { _id: string };

async function one(collection: string, where: object): Promise<Raw> {
  return (await beside(() => db().collection(collection).where(where).limit(1).get())).data[0] as Raw;
}

describe('登记人员', () => {
  it('refuses a duplicate with a link to the record already there', async () => {
    const me = await signInAs('gridworker');
    const user = await one('users', { _id: me.userId });
    const existing = await one('persons', { gridId: (user.gridIds as string[])[0] });
    render(<CapturePage />);
    await screen.findByText('人员类别（可多选）');
    type('姓名', '重复的人');
    type('身份证号', String(existing.idNumber));
    type('住址', '清溪镇清溪村1组1号');
    fireEvent.click(screen.getByText('登记'));
    expect(await screen.findByText('已登记的记录')).toBeTruthy();
    const link = rows().find((r) => r.textContent?.includes('身份证号相同'))!;
    fireEvent.click(link);
    expect(taroMock.lastNavigation()?.url).toBe(`${ROUTES.person}?id=${existing._id}`);
  });

  it('checks the ID number on the device, then captures and opens the new person', async () => {
    await signInAs('gridworker');
    render(<CapturePage />);
    await screen.findByText('人员类别（可多选）');
    type('姓名', '新来的人');
    type('身份证号', '431123195003040001');
    type('住址', '清溪镇清溪村9组1号');
    fireEvent.click(screen.getByText('登记'));
    expect(await screen.findByText(/校验码/)).toBeTruthy();
    type('身份证号', makeIdNumber('431123', '1950-03-04', 977));
    fireEvent.click(screen.getByText('独居老人'));
    fireEvent.click(screen.getByText('登记'));
    await waitFor(() => expect(taroMock.lastNavigation()?.kind).toBe('redirectTo'));
    expect(taroMock.lastNavigation()?.url).toMatch(new RegExp(`^${ROUTES.person}\\?id=`));
  });
});

describe('修改人员信息', () => {
  it('a second editor gets a conflict and sees both versions, then keeps theirs', async () => {
    const me = await signInAs('gridworker');
    const user = await one('users', { _id: me.userId });
    const person = await one('persons', { gridId: (user.gridIds as string[])[0], riskTier: 'general' });
    taroMock.router.params = { id: person._id };
    render(<PersonEditPage />);
    await screen.findByText('风险与类别');
    // Someone else saves first.
    const rt = await startRuntime();
    const cadre = (await db().collection('users').where({ role: 'cadre', villageIds: person.villageId }).get()).data[0] as Raw;
    const login = await rt.dispatch({ method: 'POST', path: '/api/login', headers: {}, body: { userId: cadre._id } });
    const token = (login.body as { data: { token: string } }).data.token;
    await rt.dispatch({ method: 'POST', path: '/api/call/people', headers: { authorization: `Bearer ${token}` }, body: { action: 'update', input: { personId: person._id, version: person.version, notes: '村干部刚写的备注' } } });

    fireEvent.click(within(screen.getByRole('radiogroup', { name: '风险等级' })).getByText('高风险'));
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('有人刚修改过这条记录')).toBeTruthy();
    const theirs = document.querySelector('[data-version="theirs"]')!.textContent!;
    const mine = document.querySelector('[data-version="mine"]')!.textContent!;
    expect(theirs).toContain('村干部刚写的备注');
    expect(theirs).toContain('风险等级：一般');
    expect(mine).toContain('风险等级：高风险');
    fireEvent.click(screen.getByText('保留我的修改'));
    expect(await screen.findByText(/已保存。下次走访/)).toBeTruthy();
    expect((await one('persons', { _id: person._id })).riskTier).toBe('high');
  });
});

describe('the office: search, key households, warnings', () => {
  it('finds a person by ID tail, masked, and opens them', async () => {
    await signInAs('officer');
    const person = await one('persons', { relation: '户主' });
    render(<SearchPage />);
    await screen.findByText('身份证号后4位');
    type('身份证号后4位', String(person.idNumber).slice(-4));
    fireEvent.click(screen.getByText('查找'));
    await waitFor(() => expect(rows().some((r) => r.textContent?.includes(String(person.name)))).toBe(true));
    const row = rows().find((r) => r.textContent?.includes(String(person.name)))!;
    expect(row.textContent).toMatch(/\*{4,}/);
    fireEvent.click(row);
    expect(taroMock.lastNavigation()?.url).toBe(`${ROUTES.person}?id=${person._id}`);
  });

  it('lists key households and clears one', async () => {
    await signInAs('officer');
    render(<KeyHouseholdsPage />);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const first = rows()[0].querySelector('.ui-row__title')!.textContent!;
    fireEvent.click(screen.getAllByText('取消重点户')[0]);
    expect(await screen.findByText(`${first}已取消重点户`)).toBeTruthy();
  });

  it('checks warnings now, acknowledges one and resolves it', async () => {
    await signInAs('officer');
    render(<WarningsPage />);
    fireEvent.click(await screen.findByText('立即检查'));
    await screen.findByText(/已检查\d+户，新增预警\d+条/);
    await waitFor(() => expect(document.querySelectorAll('[data-warning]').length).toBeGreaterThan(0));
    fireEvent.click(rows()[0]);
    fireEvent.click(await screen.findByText('知悉'));
    await screen.findByText('已标记为知悉');
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    fireEvent.click(rows()[0]);
    const box = await waitFor(() => document.querySelector('textarea') as HTMLTextAreaElement);
    fireEvent.input(box, { target: { value: '已入户复核' } });
    fireEvent.click(screen.getByText('办结'));
    expect(await screen.findByText('预警已办结')).toBeTruthy();
  });
});

describe('台账导入', () => {
  it('a file with one bad row imports nothing and names the row', async () => {
    await signInAs('officer');
    const grid = await one('grids', {});
    const row = (cells: Record<string, string>) => IMPORT_TEMPLATE_HEADERS.map((h) => cells[h] ?? '');
    const good = makeIdNumber('431123', '1941-01-01', 981);
    const csv = toCsv([
      IMPORT_TEMPLATE_HEADERS,
      row({ 姓名: '李好人', 身份证号: good, 与户主关系: '户主', 网格编号: String(grid.code), 住址: '清溪镇清溪村1组99号' }),
      row({ 姓名: '错一行', 身份证号: '431123194101010000', 与户主关系: '户主', 网格编号: String(grid.code), 住址: '清溪镇清溪村1组98号' }),
    ]);
    render(<ImportPage />);
    await screen.findByText('下载导入模板（Excel）');
    fireEvent.click(screen.getByText('选择表格文件（.xlsx 或 CSV）'));
    await chooseFile('台账.csv', Buffer.from(csv, 'utf8'));
    await screen.findByText('已选：台账.csv（重新选择）');
    fireEvent.click(screen.getByText('导入'));
    const list = await screen.findByRole('list', { name: '有错误的行' });
    expect(list.textContent).toContain('第3行「身份证号」');
    expect(await one('persons', { idNumber: good })).toBeUndefined();
    cleanup();
  });

  it('a large file goes on in the background: a progress bar until the last row is written', async () => {
    await signInAs('officer');
    const grid = await one('grids', {});
    const row = (cells: Record<string, string>) => IMPORT_TEMPLATE_HEADERS.map((h) => cells[h] ?? '');
    const ROWS = 3000;
    const idOf = (i: number) => makeIdNumber('431123', new Date(Date.UTC(1930, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), 600 + (i % 50));
    const csv = toCsv([
      IMPORT_TEMPLATE_HEADERS,
      ...Array.from({ length: ROWS }, (_, i) =>
        row({ 姓名: `${'赵钱孙李周吴郑王'[i % 8]}${'春夏秋冬梅兰竹菊'[Math.floor(i / 8) % 8]}${'一二三四五六七八'[Math.floor(i / 64) % 8]}`, 身份证号: idOf(i), 与户主关系: '户主', 网格编号: String(grid.code), 住址: `清溪镇导入村${i}号` }),
      ),
    ]);
    render(<ImportPage />);
    await screen.findByText('下载导入模板（Excel）');
    fireEvent.click(screen.getByText('选择表格文件（.xlsx 或 CSV）'));
    await chooseFile('台账.csv', Buffer.from(csv, 'utf8'));
    await screen.findByText('已选：台账.csv（重新选择）');
    // Cloud round trips: more parts than the import writes before it answers.
    local.setDelay(30);
    try {
      fireEvent.click(screen.getByText('导入'));
      const bar = await screen.findByRole('progressbar', { name: '导入进度' }, { timeout: 15_000 });
      expect(Number(bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
      expect(screen.getByText(/^已写入 \d+\/3000 人/)).toBeTruthy();
    } finally {
      local.setDelay(undefined);
    }
    // The follow-up the import scheduled (WeChat would invoke it 6 s later) writes the rest.
    expect(local.delayedTasks.takeDue(Number.POSITIVE_INFINITY)).toHaveLength(1);
    await beside(() => FUNCTION_MAINS.people({ Type: 'FollowUp', Job: 'continueImports' }));
    expect(await screen.findByText(`导入完成：新增${ROWS}人、${ROWS}户；已在花名册中的0人未改动`, undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByRole('progressbar', { name: '导入进度' })).toBeNull();
    cleanup();
  }, 60_000);
});

describe('admin: users and areas', () => {
  it('gives a new gridworker a grid, with the history', async () => {
    await signInAs('admin');
    render(<UsersPage />);
    await screen.findByText('添加工作人员');
    type('新人员姓名', '周新人');
    fireEvent.click(screen.getByText('添加并生成邀请码'));
    expect(await screen.findByText(/^已添加周新人（网格员），请把下面的邀请码交给本人/)).toBeTruthy();
    expect(document.querySelector('[data-invitation-code]')).not.toBeNull();
    await waitFor(() => expect(rows().some((r) => r.textContent?.includes('周新人'))).toBe(true));
    fireEvent.click(rows().find((r) => r.textContent?.includes('周新人'))!);
    const grids = await screen.findByRole('radiogroup', { name: '网格' });
    await waitFor(() => expect(within(grids).getAllByRole('radio').length).toBeGreaterThan(0));
    fireEvent.click(within(grids).getAllByRole('radio')[0]);
    fireEvent.click(screen.getByText('交给周新人'));
    expect(await screen.findByText(/^已交给周新人（原由.+负责/)).toBeTruthy();
  });

  it('adds a village', async () => {
    await signInAs('admin');
    render(<AreasPage />);
    const title = await screen.findByText('添加村(居)', { selector: '.ui-card__title' });
    const card = title.closest('.ui-card') as HTMLElement;
    fireEvent.input(within(card).getByLabelText('村(居)名称'), { target: { value: '新河村' } });
    fireEvent.input(within(card).getByLabelText('村(居)编号'), { target: { value: '431123101077' } });
    fireEvent.click(within(card).getByText('添加村(居)', { selector: '[role="button"]' }));
    expect(await screen.findByText('已添加新河村')).toBeTruthy();
    expect(await screen.findByText('新河村')).toBeTruthy();
  });
});
