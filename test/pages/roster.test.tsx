import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import RosterPage from '../../src/packages/worker/pages/roster/index';
import PersonPage from '../../src/packages/worker/pages/person/index';
import StructurePage from '../../src/packages/admin/pages/structure/index';
import { CATEGORY_LABELS } from '../../src/core/categories';
import { ROUTES } from '../../src/routes';
import { taroMock } from './mocks/taro';
import { freshApp, signInAs, stopRuntime } from './support/runtime';
import { callsTo, rows } from './support/page';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

function rowNames(): string[] {
  return rows().map((row) => row.querySelector('.ui-row__title')?.textContent ?? '');
}

async function firstPage(): Promise<void> {
  await waitFor(() => expect(rows().length).toBeGreaterThan(0));
}

describe('roster (花名册)', () => {
  it('“加载更多” appends the next page after the last row', async () => {
    await signInAs('gridworker');
    render(<RosterPage />);
    await firstPage();
    expect(rows()).toHaveLength(20);
    const page1 = rowNames();

    fireEvent.click(screen.getByText('加载更多'));
    await waitFor(() => expect(rows().length).toBeGreaterThan(20));
    const both = rowNames();
    expect(both.slice(0, 20)).toEqual(page1);

    const lists = callsTo('people', 'list');
    expect((lists[0].body as { input: { after?: string } }).input.after).toBeUndefined();
    expect((lists[1].body as { input: { after?: string } }).input.after).toEqual(expect.any(String));
  });

  it('pages to the end, then offers no more', async () => {
    await signInAs('gridworker');
    render(<RosterPage />);
    await firstPage();
    for (let guard = 0; guard < 20 && screen.queryByText('加载更多'); guard++) {
      const before = rows().length;
      fireEvent.click(screen.getByText('加载更多'));
      await waitFor(() => expect(rows().length > before || !screen.queryByText('加载更多')).toBe(true));
      await waitFor(() => expect(screen.queryByText('正在加载…')).toBeNull());
    }
    expect(screen.queryByText('加载更多')).toBeNull();
    // Every person the runtime sent is shown once, in order: the cursor never repeats a page.
    const sent = taroMock.responses
      .filter((r) => r.request.path === '/api/call/people')
      .flatMap((r) => (r.body as { data: { items: { _id: string; name: string }[] } }).data.items);
    expect(new Set(sent.map((p) => p._id)).size).toBe(sent.length);
    expect(rowNames()).toEqual(sent.map((p) => p.name));
    expect(sent.length).toBeGreaterThan(40);
  });

  it('a row shows the risk tier, categories and a masked phone', async () => {
    await signInAs('gridworker');
    render(<RosterPage />);
    await firstPage();
    const row = rows()[0];
    expect(row.querySelector('.ui-tag')).not.toBeNull();
    const meta = row.querySelector('.ui-row__meta')?.textContent ?? '';
    expect(meta === '未留电话' || /电话 .*\*/.test(meta)).toBe(true);
  });

  it('a category chip narrows the list to that category', async () => {
    await signInAs('officer');
    render(<RosterPage />);
    await firstPage();
    const label = CATEGORY_LABELS.aloneElderly;
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '类别' })).getByText(label));
    await waitFor(() => expect((callsTo('people', 'list').at(-1)?.body as { input: { category?: string } }).input.category).toBe('aloneElderly'));
    await waitFor(() => expect(screen.queryByText('正在加载…')).toBeNull());
    expect(rows().length).toBeGreaterThan(0);
    for (const row of rows()) expect(row.textContent).toContain(label);
  });

  it('town staff filter by village, then by that village’s grids', async () => {
    await signInAs('officer');
    render(<RosterPage />);
    await firstPage();
    const villages = await screen.findByRole('radiogroup', { name: '村' });
    const firstVillage = within(villages).getAllByRole('radio')[1];
    fireEvent.click(firstVillage);
    const grids = await screen.findByRole('radiogroup', { name: '网格' });
    fireEvent.click(within(grids).getAllByRole('radio')[1]);
    await waitFor(() => {
      const input = (callsTo('people', 'list').at(-1)?.body as { input: { villageId?: string; gridId?: string } }).input;
      expect(input.villageId).toEqual(expect.any(String));
      expect(input.gridId).toEqual(expect.any(String));
    });
    await firstPage();
  });

  it('tapping a row opens the person’s page', async () => {
    await signInAs('gridworker');
    render(<RosterPage />);
    await firstPage();
    fireEvent.click(rows()[0]);
    expect(taroMock.lastNavigation()?.url).toMatch(new RegExp(`^${ROUTES.person}\\?id=.+`));
  });
});

describe('person detail', () => {
  it('shows the person and their household as returned', async () => {
    await signInAs('gridworker');
    render(<RosterPage />);
    await firstPage();
    const name = rowNames()[0];
    fireEvent.click(rows()[0]);
    const id = decodeURIComponent(taroMock.lastNavigation()!.url!.split('id=')[1]);

    taroMock.router.params = { id };
    render(<PersonPage />, { container: document.body.appendChild(document.createElement('section')) });
    const section = document.querySelector('section') as HTMLElement;
    await within(section).findByText('家庭');
    expect(section.querySelector('.ui-page__title')?.textContent).toBe(name);
    expect(within(section).getByText('身份证号')).toBeTruthy();
    expect(within(section).getByText('住址')).toBeTruthy();
  });
});

describe('村和网格', () => {
  it('lists villages with their cadres and grids with their workers', async () => {
    await signInAs('officer');
    render(<StructurePage />);
    expect(await screen.findByText(/个村\(居\)，\d+ 个网格/)).toBeTruthy();
    expect(screen.getAllByText(/^包村干部：/).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/^网格员：/).length).toBeGreaterThan(0);
  });
});
