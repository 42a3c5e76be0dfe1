// Help requests and applications in Chromium through the H5 build, each actor on their own phone (browser context):
// (1) a resident self-reports → the officer triages it; (2) a gridworker files a proxy 低保 application → the resident
// confirms → the officer runs it to approval → the resident sees the decision; (3) a denial with reasons → the
// gridworker's explanation task; (4) a 急难 application helped first and its paperwork completed after.
// Photos go through the page's own control: the file chooser Taro opens for chooseImage on H5.
import type { Locator, Page } from 'playwright-core';
import { addPhoto, answerReminders, callAs, caseStep as step, choose, fill, openTile, phoneOf as phoneIn, screenshot, setClock, top, waitState, withBrowser } from './actors';
import { baseUrl } from './browser';

jest.setTimeout(300_000);

const DAY_MS = 86_400_000;

const browser = withBrowser();

/** A fresh phone signed in as the first demo user of a role, on that role's home. */
function phoneOf(role: string): Promise<Page> {
  return phoneIn(browser(), role);
}

async function tapText(page: Page, text: string): Promise<void> {
  await top(page).getByText(text, { exact: true }).first().click();
}

/** One workflow step on the case page: its button, its fields (by the caller), submit, the next state. */
function caseIdOf(page: Page): string {
  const match = /[?&]id=([^&]+)/.exec(page.url());
  if (!match) throw new Error(`no case id in ${page.url()}`);
  return decodeURIComponent(match[1]);
}

async function openCaseAs(role: string, route: string, caseId: string): Promise<Page> {
  const page = await phoneOf(role);
  await page.goto(`${baseUrl()}/#${route}?id=${encodeURIComponent(caseId)}`);
  await top(page).locator('[data-case-state]').waitFor({ timeout: 20_000 });
  return page;
}

const OFFICER_CASE = '/packages/officer/pages/case/index';

/** The officer's steps of a 低保 file from acceptance to the first-review opinion. */
async function investigateAndReview(page: Page, opinion: 'approve' | 'deny'): Promise<void> {
  await step(page, 'accept', async () => undefined, 'awaitingInvestigation');
  await step(
    page,
    'startInvestigation',
    async () => {
      await fill(page, '调查人员一', '李明');
      await fill(page, '调查人员二', '王芳');
      await addPhoto(page, '签字的入户调查表照片');
    },
    'investigating',
  );
  await step(page, 'requestDataCheck', async () => undefined, 'investigating');
  await step(
    page,
    'recordDataCheck',
    async () => {
      await choose(page, '核对结果', opinion === 'approve' ? '与申报一致' : '与申报不一致');
      await fill(page, '核对报告编号', 'HD-2026-118');
    },
    'investigating',
  );
  await step(
    page,
    'firstReview',
    async () => {
      await choose(page, '初审意见', opinion === 'approve' ? '拟批准' : '拟不予批准');
      await fill(page, '意见说明', opinion === 'approve' ? '家庭人均收入低于低保标准，符合条件' : '家庭人均收入高于低保标准');
      if (opinion === 'approve') {
        await fill(page, '拟保障金额（元/月）', '600');
        // The verified income and the covered persons: the county decision's form computes the amount from them.
        await fill(page, '核实的家庭人均月收入（元，可不填）', '500');
        await fill(page, '保障人数（可不填，默认家庭人口数）', '2');
      }
    },
    'reviewed',
  );
}

/** A gridworker's proxy 低保 application for a roster person, with the two statements and the authorisation. */
async function fileProxyDibao(page: Page, pick: (chooser: Locator) => Promise<void>, paperConsents: boolean): Promise<string> {
  await openTile(page, '帮办代办');
  const chooser = top(page).locator('[data-roster-chooser]');
  await chooser.locator('.ui-row').first().waitFor();
  await pick(chooser);
  await choose(page, '救助类别', '最低生活保障');
  await addPhoto(page, '家庭收入情况说明');
  await addPhoto(page, '家庭财产状况申报');
  await addPhoto(page, '委托书');
  if (paperConsents) {
    for (const consent of ['如实申报承诺书', '家庭经济状况核对授权书', '敏感个人信息处理单独同意书']) await addPhoto(page, consent);
  }
  await screenshot(page, paperConsents ? '30-proxy-form-paper' : '20-proxy-form');
  await tapText(page, '提交代办申请');
  await waitState(page, 'awaitingConfirmation');
  return caseIdOf(page);
}

describe('help requests and applications', () => {
  it('(1) a resident self-reports and the officer triages it', async () => {
    const resident = await phoneOf('resident');
    await openTile(resident, '我要求助');
    await choose(resident, '困难类别', '看病就医');
    await fill(resident, '困难情况', '老伴住院做手术，家里没有收入，医药费交不上');
    await top(resident).getByText('0/150').waitFor({ state: 'detached' });
    await addPhoto(resident, '求助照片');
    await top(resident).locator('[role="checkbox"]').click();
    await screenshot(resident, '10-self-report');
    await tapText(resident, '提交求助');
    await answerReminders(resident, '通知我');
    await waitState(resident, 'submitted');
    const caseId = caseIdOf(resident);
    // The resident is told when to expect contact, in their words, not the office's clock (issue 15).
    await top(resident).getByText(/镇里会在.+前联系您/).waitFor();
    await screenshot(resident, '11-self-report-submitted');
    await resident.context().close();

    const officer = await phoneOf('officer');
    await openTile(officer, '待办工作台');
    const row = top(officer).locator(`[data-case-id="${caseId}"]`);
    await row.waitFor();
    await screenshot(officer, '12-worklist');
    await row.click();
    await waitState(officer, 'submitted');
    // The report photo shows through a short-lived signed link (cases.fileUrls); the bare path is refused.
    await officer.waitForFunction(() => {
      const pages = document.querySelectorAll('.ui-page');
      const img = pages[pages.length - 1].querySelector<HTMLImageElement>('.ui-photos img');
      return img !== null && img.complete && img.naturalWidth === 1 && /^\/files\/uploads\/.+\?t=/.test(img.getAttribute('src') ?? '');
    });
    const src = await officer.evaluate(() => {
      const pages = document.querySelectorAll('.ui-page');
      return pages[pages.length - 1].querySelector('.ui-photos img')!.getAttribute('src')!;
    });
    const served = await officer.evaluate(async (url) => {
      const [signed, bare] = await Promise.all([fetch(url), fetch(url.split('?')[0]!)]);
      return { signed: signed.status, type: signed.headers.get('content-type'), nosniff: signed.headers.get('x-content-type-options'), bare: bare.status };
    }, src);
    expect(served).toEqual({ signed: 200, type: 'image/png', nosniff: 'nosniff', bare: 403 });
    await step(officer, 'triage', () => choose(officer, '分办为', '医疗救助（转介）'), 'received');
    await top(officer).getByText('已分办，现在是“待受理”').waitFor();
    await screenshot(officer, '13-triaged');
    await officer.context().close();
  });

  it('(2) a proxy 低保 application: the resident confirms, the officer runs it to approval, the resident sees the decision', async () => {
    const me = await callAs<{ personId: string }>('resident', 'session', 'me', {});
    const { person } = await callAs<{ person: { name: string } }>('gridworker', 'people', 'get', { personId: me.personId });

    const worker = await phoneOf('gridworker');
    const caseId = await fileProxyDibao(
      worker,
      async (chooser) => {
        const row = chooser.locator('.ui-row', { has: worker.locator('.ui-row__title', { hasText: new RegExp(`^${person.name}$`) }) }).first();
        while (!(await row.isVisible())) await chooser.getByText('加载更多').click();
        await row.click();
        await top(worker).locator(`[data-chosen-person="${me.personId}"]`).waitFor();
      },
      false,
    );
    await screenshot(worker, '21-proxy-filed');
    await worker.context().close();

    const resident = await phoneOf('resident');
    await openTile(resident, '我的办件');
    await top(resident).getByText('等您办理').waitFor();
    await screenshot(resident, '22-my-cases-waiting');
    await top(resident).locator(`[data-case-id="${caseId}"]`).first().click();
    await waitState(resident, 'awaitingConfirmation');
    await step(
      resident,
      'confirmByResident',
      async () => {
        const boxes = top(resident).locator('[data-event-form="confirmByResident"] [role="checkbox"]');
        for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).click();
        await screenshot(resident, '23-resident-confirms');
      },
      'received',
    );
    await resident.context().close();

    const officer = await openCaseAs('officer', OFFICER_CASE, caseId);
    await investigateAndReview(officer, 'approve');
    // The notice may be posted by the village cadre or the town office.
    await step(officer, 'startPublicNotice', async () => undefined, 'publicNotice');
    await screenshot(officer, '24-public-notice');
    await officer.context().close();

    // Seven days later (the runtime's clock moves; sessions are signed anew).
    let suggested = 0;
    await setClock(8 * DAY_MS);
    try {
      const later = await openCaseAs('officer', OFFICER_CASE, caseId);
      await step(later, 'endPublicNotice', async () => undefined, 'awaitingCountyDecision');
      await step(
        later,
        'recordCountyDecision',
        async () => {
          await choose(later, '决定', '批准');
          // RULES §33: the computed amount stands beside the input; typing more asks for the written reason.
          const hint = await top(later).getByText(/^测算金额 \d+(\.\d+)? 元：/).textContent();
          suggested = Number(/测算金额 (\d+(?:\.\d+)?) 元/.exec(hint ?? '')![1]);
          const reason = top(later).getByText('高于测算金额的理由（分档或特殊情况）');
          await fill(later, '批准金额（元）', String(suggested + 100));
          await reason.waitFor();
          await screenshot(later, '25-amount-over-suggestion');
          await fill(later, '批准金额（元）', String(suggested));
          await reason.waitFor({ state: 'detached' });
        },
        'closed',
        { confirm: true },
      );
      await top(later).locator('[data-decision="approve"]').waitFor();
      await screenshot(later, '25-approved-officer');
      await later.context().close();
    } finally {
      await setClock(0);
    }

    const back = await phoneOf('resident');
    await openTile(back, '我的办件');
    await top(back).locator(`[data-case-id="${caseId}"]`).first().click();
    await top(back).locator('[data-decision="approve"]').waitFor();
    await top(back).locator('[data-decision="approve"]').getByText(`${suggested} 元`, { exact: true }).waitFor();
    await top(back).getByText(/\d{4}-\d{2} 起发放/).waitFor();
    await screenshot(back, '26-resident-sees-decision');
    await back.context().close();
  });

  it('(3) a denial with reasons becomes the gridworker’s explanation task, which they close', async () => {
    const worker = await phoneOf('gridworker');
    const caseId = await fileProxyDibao(
      worker,
      async (chooser) => {
        await chooser.locator('.ui-row').nth(1).click();
        await top(worker).locator('[data-chosen-person]').waitFor();
      },
      true,
    );
    // The applicant signed on paper: the worker records the paper confirmation.
    await step(worker, 'recordPaperConfirmation', () => addPhoto(worker, '签字确认书照片'), 'received');
    await worker.context().close();

    const officer = await openCaseAs('officer', OFFICER_CASE, caseId);
    await investigateAndReview(officer, 'deny');
    await step(officer, 'skipPublicNotice', async () => undefined, 'awaitingCountyDecision', { confirm: true });
    await step(
      officer,
      'recordCountyDecision',
      async () => {
        await choose(officer, '决定', '不予批准');
        await fill(officer, '不予批准的理由（每行一条）', '家庭人均月收入高于本镇低保标准\n家庭财产超过规定');
      },
      'denied',
      { confirm: true },
    );
    await screenshot(officer, '31-denied');
    await officer.context().close();

    const back = await phoneOf('gridworker');
    await openTile(back, '网格办件');
    const task = top(back).locator('.ui-card', { hasText: '解释说明任务' }).locator(`[data-case-id="${caseId}"]`);
    await task.waitFor();
    await screenshot(back, '32-explanation-task');
    await task.click();
    await waitState(back, 'denied');
    await top(back).getByText(/家庭人均月收入高于本镇低保标准/).first().waitFor();
    await step(back, 'closeExplanation', () => fill(back, '沟通情况', '已上门当面说明不予批准的理由，申请人表示理解'), 'denied');
    await top(back).getByText(/已完成：已上门当面说明/).waitFor();
    await screenshot(back, '33-explanation-closed');
    await back.context().close();
  });

  it('(4) a 急难 application is helped first and its paperwork completed after', async () => {
    const resident = await phoneOf('resident');
    await openTile(resident, '申请救助');
    await choose(resident, '救助类别', '临时救助（急难型）');
    await addPhoto(resident, '事故、疾病或灾害等急难情况证明');
    const consents = top(resident).locator('[role="checkbox"]', { hasText: /我承诺|我单独同意/ });
    for (let i = 0; i < (await consents.count()); i++) await consents.nth(i).click();
    await screenshot(resident, '40-apply-emergency');
    await tapText(resident, '提交申请');
    await answerReminders(resident, '通知我');
    await waitState(resident, 'received');
    const caseId = caseIdOf(resident);
    await top(resident).getByText(/镇里会在.+前先给予救助/).waitFor();
    await resident.context().close();

    const officer = await phoneOf('officer');
    await openTile(officer, '待办工作台');
    await top(officer).locator(`[data-case-id="${caseId}"]`).click();
    await waitState(officer, 'received');
    await step(
      officer,
      'recordEmergencyHelp',
      async () => {
        await fill(officer, '给予了什么帮助', '送去米面油和临时生活费');
        await fill(officer, '金额（元，实物折算）', '2000');
      },
      'paperwork',
    );
    await top(officer).getByText(/补齐手续：\d{4}-\u2060\d{2}-\u2060\d{2} 前（还剩\d+个工作日/).waitFor();
    await screenshot(officer, '41-helped-first');
    await step(
      officer,
      'completePaperwork',
      async () => {
        await fill(officer, '救助事由', '突发重病住院，家庭基本生活一时难以为继');
        await fill(officer, '经办人和审批人（每行一人）', '经办人 张敏\n审批人 刘强');
      },
      'closed',
      { confirm: true },
    );
    await top(officer).getByText(/已救助/).first().waitFor();
    await screenshot(officer, '42-paperwork-completed');
    await officer.context().close();
  });
});
