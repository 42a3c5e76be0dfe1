// Dashboards and exports in Chromium through the H5 build (issue 12): the officer opens 数据看板 and its F2 charts
// draw on their canvases, then exports the roster and the browser downloads a workbook exceljs reads back; a cadre
// opens 村情概览 for their village.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { EXPORT_COLUMNS } from '../../src/core/reports';
import { callAs, choose, openTile, phoneOf, screenshot, sweep, tapButton, top, withBrowser } from './actors';

const browser = withBrowser();

/** Waits until the top page shows at least `count` chart canvases, each with painted pixels (a blank one has none). */
async function chartsDrawn(page: Page, count: number): Promise<void> {
  await page.waitForFunction((least) => {
    const pages = document.querySelectorAll('.ui-page');
    const canvases = Array.from(pages[pages.length - 1]?.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]') ?? []);
    const painted = (canvas: HTMLCanvasElement) => {
      if (!canvas.width || !canvas.height) return 0;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n += 1;
      return n;
    };
    return canvases.length >= least && canvases.every((canvas) => painted(canvas) > 500);
  }, count);
}

describe('the town office', () => {
  it('opens 数据看板 with drawn charts, and exports the roster as an .xlsx download', async () => {
    await sweep(); // the timers' run, including the grids' tallies
    const officer = await phoneOf(browser(), 'officer');
    await openTile(officer, '数据看板');
    await top(officer).getByText('全镇办件与时限').waitFor();
    await top(officer).getByText(/^人员分类、逾期走访和近12个月统计于/).waitFor();
    const figures = await callAs<{ openCases: { total: number }; persons: { total: number } }>('officer', 'reports', 'dashboard', {});
    await top(officer).locator('.rp-figure', { hasText: '花名册人数' }).getByText(String(figures.persons.total), { exact: true }).waitFor();
    await chartsDrawn(officer, 2);
    await screenshot(officer, '90-dashboard');
    await top(officer).locator('canvas[data-chart]').last().scrollIntoViewIfNeeded();
    await screenshot(officer, '90-dashboard-trends');

    await officer.goBack();
    await openTile(officer, '导出');
    await choose(officer, '导出内容', '花名册');
    const download = officer.waitForEvent('download');
    await tapButton(officer, '导出');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^花名册-\d{14}\.xlsx$/);
    await top(officer).getByText(/^共 \d+ 行。已下载/).waitFor();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await file.path())!);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS.roster.map((c) => c.header));
    expect(sheet.rowCount - 1).toBe(figures.persons.total);
    await screenshot(officer, '91-export');
  });
});

describe('a village cadre', () => {
  it('opens 村情概览: their village\'s figures', async () => {
    const cadre = await phoneOf(browser(), 'cadre');
    await openTile(cadre, '村情概览');
    await top(cadre).getByText('本村办件与时限').waitFor();
    const own = await callAs<{ issues: { unresolved: number } }>('cadre', 'reports', 'dashboard', {});
    await top(cadre).locator('.rp-figure', { hasText: '未办结问题' }).getByText(String(own.issues.unresolved), { exact: true }).waitFor();
    await chartsDrawn(cadre, 1);
    await screenshot(cadre, '92-village-overview');
  });
});
