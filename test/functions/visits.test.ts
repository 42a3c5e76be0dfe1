// The visits function on the real local database: worklists by scope, recording a household visit (requestId
// retries, re-planning, escalation to issues, the child-at-risk alert), the officer's issue flow, follow-up plans
// and monitoring warnings — each action checked against every role and against the edges of each scope.
import { local } from '../../local/wx-server-sdk';
import { FUNCTION_MAINS } from '../../server/functions/registry';
import { db } from '../../server/platform/cloud';
import { idFor } from '../../server/platform/create-once';
import { COLLECTIONS } from '../../server/platform/collections';
import { CHECKLIST_KEYS, type ChecklistKey } from '../../src/core/visits/visit-record';
import { visitBucketBounds } from '../../src/core/visits/schedule';
import { all, callAs, freshTown, ok, resetClock, setClock, snapshot, type DemoUser, type Raw } from './harness';
import { staffAround } from './staff-fixtures';

let officer: DemoUser, admin: DemoUser, resident: DemoUser, worker: DemoUser, otherWorker: DemoUser, cadre: DemoUser, otherCadre: DemoUser;

const SEED_AT = Date.UTC(2026, 10, 2, 2, 0); // Monday 2026-11-02 10:00 Beijing
const NOW = SEED_AT + 2 * 3_600_000;


const fine = (personId: string): Record<ChecklistKey, boolean> & { personId: string } =>
  ({ personId, ...Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k === 'policyDelivered'])) }) as never;

/** A household in the grid with at least two members. */
async function householdIn(gridId: string, minSize = 2): Promise<{ _id: string; members: Raw[] }> {
  for (const h of await all(COLLECTIONS.households, { gridId })) {
    const members = await all(COLLECTIONS.persons, { householdId: h._id });
    if (members.length >= minSize) return { _id: h._id, members };
  }
  throw new Error(`no household of ${minSize}+ in ${gridId}`);
}

beforeAll(async () => {
  await freshTown(SEED_AT);
  setClock(NOW);
  ({ officer, admin, resident, worker, otherWorker, cadre, otherCadre } = await staffAround());
});
afterAll(resetClock);
beforeEach(() => setClock(NOW));

describe('worklist', () => {
  it('lists a gridworker’s overdue persons of their own grid only, grouped by household, with exact counts', async () => {
    const first = await ok(callAs(worker.openid, 'visits', 'worklist', { bucket: 'overdue', limit: 20 }));
    const { total } = await db().collection('persons').where({ gridId: worker.gridIds[0], nextVisitDue: db().command.lt(NOW) }).count();
    expect(total).toBeGreaterThan(5);
    expect(first.counts!.overdue).toBe(total);
    const seen = new Set<string>();
    let page = first;
    for (let guard = 0; guard < 50; guard++) {
      for (const h of page.households) {
        expect(h.bucket).toBe('overdue');
        expect(h.gridId).toBe(worker.gridIds[0]);
        for (const m of h.members) {
          expect(m.nextVisitDue).toBeLessThan(NOW);
          expect(seen.has(m._id)).toBe(false);
          seen.add(m._id);
        }
      }
      if (!page.next) break;
      page = await ok(callAs(worker.openid, 'visits', 'worklist', { bucket: 'overdue', limit: 20, after: page.next }));
      expect(page.counts).toBeNull();
    }
    expect(seen.size).toBe(total);
    // Earliest due first.
    const dues = first.households.map((h) => h.dueAt);
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
  });

  it('splits every due date: today, the next 7 days and later are disjoint ranges after now; the counts add up', async () => {
    const b = visitBucketBounds(NOW);
    const today = await ok(callAs(worker.openid, 'visits', 'worklist', { bucket: 'today' }));
    const week = await ok(callAs(worker.openid, 'visits', 'worklist', { bucket: 'nextSevenDays' }));
    const later = await ok(callAs(worker.openid, 'visits', 'worklist', { bucket: 'later' }));
    for (const h of today.households) for (const m of h.members) expect(m.nextVisitDue >= NOW && m.nextVisitDue < b.tomorrowStart).toBe(true);
    for (const h of week.households) for (const m of h.members) expect(m.nextVisitDue >= b.tomorrowStart && m.nextVisitDue < b.laterStart).toBe(true);
    for (const h of later.households) for (const m of h.members) expect(m.nextVisitDue >= b.laterStart).toBe(true);
    // Issue 15: no due person falls between the lists.
    const counts = today.counts!;
    const due = await db().collection(COLLECTIONS.persons).where({ gridId: db().command.in(worker.gridIds), nextVisitDue: db().command.exists(true) }).count();
    expect(counts.overdue + counts.today + counts.nextSevenDays + counts.later).toBe(due.total);
  });

  it('keeps a gridworker in their grids and a cadre in their village; the office sees the town', async () => {
    expect(await callAs(worker.openid, 'visits', 'worklist', { gridId: otherWorker.gridIds[0] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(cadre.openid, 'visits', 'worklist', { villageId: otherCadre.villageIds[0] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    const mine = await ok(callAs(cadre.openid, 'visits', 'worklist', { limit: 100 }));
    expect(mine.households.length).toBeGreaterThan(0);
    for (const h of mine.households) expect(cadre.villageIds).toContain((await db().collection('grids').where({ _id: h.gridId }).get()).data[0].villageId);
    const town = await ok(callAs(officer.openid, 'visits', 'worklist', { villageId: otherCadre.villageIds[0], limit: 5 }));
    expect(town.households.length).toBeGreaterThan(0);
  });

  it('counts by grid for the cadre and by village for the office', async () => {
    const byGrid = await ok(callAs(cadre.openid, 'visits', 'summary', {}));
    expect(byGrid.rows.map((r) => r.kind)).toEqual(['grid', 'grid', 'grid']);
    const byVillage = await ok(callAs(officer.openid, 'visits', 'summary', {}));
    expect(byVillage.rows).toHaveLength(4);
    expect(byVillage.rows.every((r) => r.kind === 'village')).toBe(true);
    const { total } = await db().collection('persons').where({ nextVisitDue: db().command.lt(NOW) }).count();
    expect(byVillage.rows.reduce((n, r) => n + r.overdue, 0)).toBe(total);
    const workerRows = await ok(callAs(worker.openid, 'visits', 'summary', {}));
    expect(workerRows.rows.map((r) => r.id)).toEqual(worker.gridIds);
    expect(await callAs(cadre.openid, 'visits', 'summary', { villageId: otherCadre.villageIds[0] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
  });

  it.each(['resident', 'admin'])('is closed to %s', async (role) => {
    const who = role === 'resident' ? resident : admin;
    expect(await callAs(who.openid, 'visits', 'worklist', {})).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await callAs(who.openid, 'visits', 'record', {} as never)).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
  });
});

describe('recording a household visit', () => {
  it('stores one visit for the household, re-plans each member, and raises an issue per 无人 problem', async () => {
    const h = await householdIn(worker.gridIds[0]);
    const [a, b] = h.members;
    const input = {
      requestId: 'visit-req-0001',
      householdId: h._id,
      visitedAt: NOW - 3_600_000,
      members: [{ ...fine(a._id), noCarer: true }, fine(b._id)],
      notes: '老人独自在家，子女半年未回',
    };
    const first = await ok(callAs(worker.openid, 'visits', 'record', input));
    expect(first.created).toBe(true);
    expect(first.issues).toHaveLength(1);
    expect(first.issues[0]).toMatchObject({ type: 'noCarer', urgent: false });
    expect(first.notified).toBe(false);
    for (const s of first.schedule) expect(s.nextVisitDue).toBeGreaterThan(NOW);
    const stored = (await db().collection('persons').where({ _id: a._id }).get()).data[0] as Raw;
    expect(stored.lastVisitAt).toBe(input.visitedAt);
    expect(stored.nextVisitDue).toBeGreaterThan(NOW);

    // A retry (the answer was lost): the same visit, no second visit, issue or audit of a create.
    const before = await snapshot([COLLECTIONS.visits, COLLECTIONS.issues, COLLECTIONS.messages]);
    const again = await ok(callAs(worker.openid, 'visits', 'record', input));
    expect(again).toMatchObject({ visitId: first.visitId, created: false });
    expect(await snapshot([COLLECTIONS.visits, COLLECTIONS.issues, COLLECTIONS.messages])).toEqual(before);
    expect((await all(COLLECTIONS.visits, { householdId: h._id }))).toHaveLength(1);

    // The household page shows the visit and the open issue.
    const view = await ok(callAs(worker.openid, 'visits', 'household', { householdId: h._id }));
    expect(view.visits[0]._id).toBe(first.visitId);
    expect(view.issues.map((i) => i._id)).toContain(first.issues[0]._id);
    expect(view.members.every((m) => !('idNumber' in m) && !('phone' in m))).toBe(true);

    // A later visit finding the same problem while it is open makes no second issue.
    const later = await ok(callAs(worker.openid, 'visits', 'record', { ...input, requestId: 'visit-req-0002', visitedAt: NOW - 60_000 }));
    expect(later.created).toBe(true);
    expect(later.issues).toHaveLength(0);
  });

  it('refuses a visit with a question unanswered (the core schema; a minor\'s child question by the household), writing nothing', async () => {
    const h = await householdIn(worker.gridIds[0]);
    const [a, b] = h.members;
    const { noVisits: _unasked, ...partial } = fine(a._id);
    const before = await snapshot([COLLECTIONS.visits, COLLECTIONS.issues, COLLECTIONS.persons, COLLECTIONS.audit]);
    const base = { requestId: 'visit-req-unanswered', householdId: h._id, visitedAt: NOW - 60_000 };
    expect(await callAs(worker.openid, 'visits', 'record', { ...base, members: [partial, fine(b._id)] })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', message: '有问题没有回答：是否无人巡访（长期没有人来探望）？' },
    });
    // The child-at-risk question is asked of minors only: the household decides who is one.
    const minor = (await all(COLLECTIONS.persons, { gridId: worker.gridIds[0] })).find((p) => typeof p.birthDate === 'string' && (p.birthDate as string) > '2010-01-01');
    if (minor) {
      const { childAtRisk: _c, ...noChildQuestion } = fine(minor._id);
      expect(await callAs(worker.openid, 'visits', 'record', { ...base, householdId: minor.householdId as string, members: [noChildQuestion] })).toMatchObject({
        ok: false,
        error: { code: 'VISIT.UNANSWERED', message: `${minor.name as string}：“儿童是否有被虐待、被遗弃或处于危险的迹象？”还没有回答` },
      });
    }
    expect(await snapshot([COLLECTIONS.visits, COLLECTIONS.issues, COLLECTIONS.persons, COLLECTIONS.audit])).toEqual(before);
  });

  it('a member marked 没见到本人 is asked nothing and stays due; the others are re-planned', async () => {
    const h = await householdIn(worker.gridIds[0]);
    const [a, b] = h.members;
    const res = await ok(callAs(worker.openid, 'visits', 'record', { requestId: 'visit-req-notseen', householdId: h._id, visitedAt: NOW - 60_000, members: [{ personId: a._id, notSeen: true }, fine(b._id)] }));
    expect(res.issues).toHaveLength(0);
    expect(res.schedule.map((s) => s.personId)).toEqual([b._id]);
    const stored = (await db().collection('persons').where({ _id: a._id }).get()).data[0] as Raw;
    expect(stored.nextVisitDue).toBe(a.nextVisitDue);
    expect(await callAs(worker.openid, 'visits', 'record', { requestId: 'visit-req-notseen-2', householdId: h._id, visitedAt: NOW - 60_000, members: [{ ...fine(a._id), notSeen: true }] })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', message: '没见到本人的成员不填写问题' },
    });
  });

  it('alerts every officer at once when a child may be at risk (RULES §26)', async () => {
    const h = await householdIn(worker.gridIds[0], 1);
    const child = h.members[0];
    const result = await ok(callAs(worker.openid, 'visits', 'record', {
      requestId: 'visit-child-0001',
      householdId: h._id,
      visitedAt: NOW - 60_000,
      members: [{ ...fine(child._id), childAtRisk: true }],
    }));
    expect(result.notified).toBe(true);
    const issue = result.issues.find((i) => i.type === 'childAtRisk')!;
    expect(issue.urgent).toBe(true);
    expect(Math.abs(issue.deadlineAt - (NOW + 24 * 3_600_000))).toBeLessThan(60_000); // within 24 h of receipt
    const messages = (await all(COLLECTIONS.messages, { recipientUserId: officer._id })).filter((m) => m.type === 'visit.alert');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ link: `issue:${issue._id}`, readAt: null });
    expect(String(messages[0].title)).toContain('儿童');
    // A retry alerts nobody twice.
    await ok(callAs(worker.openid, 'visits', 'record', { requestId: 'visit-child-0001', householdId: h._id, visitedAt: NOW - 60_000, members: [{ ...fine(child._id), childAtRisk: true }] }));
    expect((await all(COLLECTIONS.messages, { recipientUserId: officer._id })).filter((m) => m.type === 'visit.alert')).toHaveLength(1);
  });

  it('finishes a visit stopped right after its transaction when the request is retried: issue, audit entries and alert, each once', async () => {
    const issued = new Set((await all(COLLECTIONS.issues)).map((i) => i.householdId));
    const h = (await all(COLLECTIONS.households, { gridId: worker.gridIds[0] })).reverse().find((x) => !issued.has(x._id))!;
    const [child] = await all(COLLECTIONS.persons, { householdId: h._id });
    const input = { requestId: 'visit-stop-0001', householdId: h._id, visitedAt: NOW - 60_000, members: [{ ...fine(child!._id), childAtRisk: true }] };
    local.stopAfter((call) => call.api === 'runTransaction'); // the visit and the members' schedules are committed
    try {
      await expect(local.invoke({ OPENID: worker.openid }, 30, () => FUNCTION_MAINS.visits({ action: 'record', input }))).rejects.toThrow(/timed out/);
    } finally {
      local.stopAfter(undefined);
    }
    const visitId = idFor(worker._id, input.requestId);
    const alertId = idFor(`${visitId}:notify`, officer._id);
    const left = async () => ({
      visits: (await all(COLLECTIONS.visits, { _id: visitId })).length,
      issues: (await all(COLLECTIONS.issues, { householdId: h._id })).map((i) => i._id),
      audit: (await all(COLLECTIONS.audit, { kind: 'create' })).filter((a) => String(a.recordId).startsWith(visitId)).map((a) => `${a.collection}:${a.recordId}`).sort(),
      alerts: (await all(COLLECTIONS.messages, { _id: alertId })).length,
    });
    expect(await left()).toEqual({ visits: 1, issues: [], audit: [], alerts: 0 });
    await ok(callAs(worker.openid, 'visits', 'record', input));
    const done = await left();
    expect(done.issues).toHaveLength(1);
    expect(done.audit).toEqual([`issues:${done.issues[0]}`, `visits:${visitId}`].sort());
    expect(done.alerts).toBe(1);
    await ok(callAs(worker.openid, 'visits', 'record', input));
    expect(await left()).toEqual(done);
  });

  it('refuses another grid’s household, a stranger as member, a time in the future — and changes nothing', async () => {
    const mine = await householdIn(worker.gridIds[0]);
    const theirs = await householdIn(otherWorker.gridIds[0]);
    const before = await snapshot(Object.values(COLLECTIONS));
    const base = { householdId: theirs._id, visitedAt: NOW - 1000, members: [fine(theirs.members[0]._id)] };
    expect(await callAs(worker.openid, 'visits', 'record', { requestId: 'visit-bad-0001', ...base })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(otherCadre.openid, 'visits', 'record', { requestId: 'visit-bad-0002', ...base, householdId: mine._id, members: [fine(mine.members[0]._id)] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(worker.openid, 'visits', 'record', { requestId: 'visit-bad-0003', householdId: mine._id, visitedAt: NOW - 1000, members: [fine(theirs.members[0]._id)] })).toMatchObject({ ok: false, error: { code: 'VISIT.MEMBER_NOT_IN_HOUSEHOLD' } });
    expect(await callAs(worker.openid, 'visits', 'record', { requestId: 'visit-bad-0004', householdId: mine._id, visitedAt: NOW + 3_600_000, members: [fine(mine.members[0]._id)] })).toMatchObject({ ok: false, error: { code: 'VISIT.TIME_INVALID' } });
    expect(await callAs(worker.openid, 'visits', 'household', { householdId: theirs._id })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await snapshot(Object.values(COLLECTIONS))).toEqual(before);
  });

  it('lets the village cadre and the officer visit the household too', async () => {
    const h = await householdIn(worker.gridIds[0]);
    await ok(callAs(cadre.openid, 'visits', 'record', { requestId: 'visit-cadre-001', householdId: h._id, visitedAt: NOW - 1000, members: [fine(h.members[0]._id)] }));
    await ok(callAs(officer.openid, 'visits', 'record', { requestId: 'visit-officer-01', householdId: h._id, visitedAt: NOW - 500, members: [fine(h.members[0]._id)] }));
  });
});

describe('issues to closure', () => {
  it('the officer assigns and resolves; the gridworker sees the outcome and is told', async () => {
    const h = await householdIn(worker.gridIds[0]);
    const visit = await ok(callAs(worker.openid, 'visits', 'record', {
      requestId: 'visit-issue-001',
      householdId: h._id,
      visitedAt: NOW - 1000,
      members: [{ ...fine(h.members[0]._id), doesNotKnowHowToApply: true }],
    }));
    const issueId = visit.issues[0]._id;
    const list = await ok(callAs(officer.openid, 'visits', 'issues', { state: 'unresolved', limit: 100 }));
    expect(list.items.map((i) => i._id)).toContain(issueId);
    // 逾期清单: the server answers the issues past their deadline and unresolved, and only those.
    const overdueIds = async () => {
      const page = await ok(callAs(worker.openid, 'visits', 'issues', { state: 'overdue', limit: 100 }));
      expect(page.items.every((i) => i.overdue && i.state !== 'resolved')).toBe(true);
      return page.items.map((i) => i._id);
    };
    expect(await overdueIds()).not.toContain(issueId);
    const pastDeadline = visit.issues[0].deadlineAt + 1;
    setClock(pastDeadline);
    expect(await overdueIds()).toContain(issueId);
    setClock(NOW);

    // Not the gridworker's to close; not visible to another village.
    expect(await callAs(worker.openid, 'visits', 'resolveIssue', { issueId, version: 0, resolution: '已处理' })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await callAs(otherWorker.openid, 'visits', 'issue', { issueId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(otherCadre.openid, 'visits', 'issue', { issueId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    const otherList = await ok(callAs(otherWorker.openid, 'visits', 'issues', { state: 'all', limit: 100 }));
    expect(otherList.items.map((i) => i._id)).not.toContain(issueId);

    const detail = await ok(callAs(officer.openid, 'visits', 'issue', { issueId }));
    expect(detail.owners.map((o) => o._id)).toEqual(expect.arrayContaining([worker._id, cadre._id, officer._id]));
    expect(detail.owners.map((o) => o._id)).not.toContain(otherWorker._id);
    expect(await callAs(officer.openid, 'visits', 'assignIssue', { issueId, version: 0, ownerId: otherWorker._id })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const assigned = await ok(callAs(officer.openid, 'visits', 'assignIssue', { issueId, version: 0, ownerId: cadre._id }));
    expect(assigned).toMatchObject({ state: 'assigned', ownerId: cadre._id, version: 1 });
    // A stale version is a conflict carrying the fresh record.
    const stale = await callAs(officer.openid, 'visits', 'resolveIssue', { issueId, version: 0, resolution: '已协助申请' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'RECORD.CONFLICT', details: { current: { version: 1, state: 'assigned' } } } });
    const resolved = await ok(callAs(officer.openid, 'visits', 'resolveIssue', { issueId, version: 1, resolution: '村干部已上门讲解并协助提交低保申请' }));
    expect(resolved.state).toBe('resolved');
    setClock(pastDeadline);
    expect(await overdueIds()).not.toContain(issueId);
    setClock(NOW);

    const seen = await ok(callAs(worker.openid, 'visits', 'issue', { issueId }));
    expect(seen.issue).toMatchObject({ state: 'resolved', resolution: '村干部已上门讲解并协助提交低保申请' });
    const told = (await all(COLLECTIONS.messages, { recipientUserId: worker._id })).filter((m) => m.link === `issue:${issueId}`);
    expect(told.map((m) => m.type)).toEqual(expect.arrayContaining(['issue.resolveIssue']));
    const audit = await all(COLLECTIONS.audit, { collection: 'issues', recordId: issueId });
    expect(audit.map((a) => a.kind)).toEqual(expect.arrayContaining(['create', 'transition']));

    const reopened = await ok(callAs(officer.openid, 'visits', 'reopenIssue', { issueId, version: 2, reason: '复访发现仍未递交' }));
    expect(reopened).toMatchObject({ state: 'assigned', reopenCount: 1 });
  });
});

describe('follow-up plans (跟踪帮扶)', () => {
  it('one plan a household, never less often than the rules; the plan’s frequency re-plans the members', async () => {
    const h = await householdIn(worker.gridIds[0]);
    const draft = await ok(callAs(worker.openid, 'visits', 'planDraft', { householdId: h._id }));
    expect(draft.owners.map((o) => o._id)).toContain(worker._id);
    expect(await callAs(worker.openid, 'visits', 'createPlan', { requestId: 'plan-req-0001', householdId: h._id, ownerId: worker._id, frequencyDays: draft.defaults.frequencyDays + 1 })).toMatchObject({
      ok: false,
      error: { code: 'PLAN.FREQUENCY_TOO_LOW' },
    });
    expect(await callAs(worker.openid, 'visits', 'createPlan', { requestId: 'plan-req-0002', householdId: h._id, ownerId: otherWorker._id })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const plan = await ok(callAs(worker.openid, 'visits', 'createPlan', { requestId: 'plan-req-0003', householdId: h._id, ownerId: worker._id, frequencyDays: 7 }));
    expect(plan).toMatchObject({ state: 'active', frequencyDays: 7, ownerId: worker._id });
    const again = await ok(callAs(worker.openid, 'visits', 'createPlan', { requestId: 'plan-req-0003', householdId: h._id, ownerId: worker._id, frequencyDays: 7 }));
    expect(again._id).toBe(plan._id);
    expect(await callAs(worker.openid, 'visits', 'createPlan', { requestId: 'plan-req-0004', householdId: h._id, ownerId: worker._id })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    for (const m of await all(COLLECTIONS.persons, { householdId: h._id })) expect(m.followUpIntervalDays).toBe(7);

    const mine = await ok(callAs(worker.openid, 'visits', 'plans', { mine: true }));
    expect(mine.items.map((p) => p._id)).toContain(plan._id);
    expect(await callAs(otherWorker.openid, 'visits', 'plan', { planId: plan._id })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });

    // An anomaly on a follow-up visit reaches the officer at once.
    const item = plan.items[0];
    const visit = await ok(callAs(worker.openid, 'visits', 'record', {
      requestId: 'visit-plan-0001',
      householdId: h._id,
      visitedAt: NOW - 1000,
      members: [fine(h.members[0]._id)],
      followUp: { planId: plan._id, items: [{ itemId: item.id, ok: item.checklistKey === 'policyDelivered' ? false : true }, { itemId: 'policyDelivered', ok: false, note: '临时救助金未到账' }] },
    }));
    expect(visit.anomaly).toBe(true);
    expect(visit.notified).toBe(true);
    expect((await all(COLLECTIONS.messages, { recipientUserId: officer._id })).some((m) => String(m.body).includes('跟踪帮扶'))).toBe(true);

    const closed = await ok(callAs(worker.openid, 'visits', 'closePlan', { planId: plan._id, version: plan.version }));
    expect(closed.state).toBe('closed');
    for (const m of await all(COLLECTIONS.persons, { householdId: h._id })) expect(m.followUpIntervalDays).toBeUndefined();
  });
});

describe('monitoring warnings', () => {
  it('the sweep stores warnings once; only the office sees, acknowledges and resolves them', async () => {
    const first = await ok(callAs(officer.openid, 'visits', 'sweepWarnings', {}));
    expect(first.checked).toBeGreaterThan(0);
    expect(first.created).toBeGreaterThan(0);
    const second = await ok(callAs(officer.openid, 'visits', 'sweepWarnings', {}));
    expect(second).toEqual({ checked: 0, created: 0, done: true });
    const list = await ok(callAs(officer.openid, 'visits', 'warnings', { state: 'unresolved', limit: 100 }));
    expect(list.items.length).toBe(first.created > 100 ? 100 : first.created);
    const w = list.items[0];
    expect(w.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await callAs(worker.openid, 'visits', 'warnings', {})).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    expect(await callAs(cadre.openid, 'visits', 'acknowledgeWarning', { warningId: w._id, version: w.version })).toMatchObject({ ok: false, error: { code: 'ROLE.FORBIDDEN' } });
    const acked = await ok(callAs(officer.openid, 'visits', 'acknowledgeWarning', { warningId: w._id, version: w.version }));
    expect(acked.state).toBe('acknowledged');
    expect(await callAs(officer.openid, 'visits', 'resolveWarning', { warningId: w._id, version: acked.version, resolution: '  ' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const resolved = await ok(callAs(officer.openid, 'visits', 'resolveWarning', { warningId: w._id, version: acked.version, resolution: '已入户复核，收入情况属实' }));
    expect(resolved.state).toBe('resolved');
    const open = await ok(callAs(officer.openid, 'visits', 'warnings', { state: 'unresolved', limit: 100 }));
    expect(open.items.map((x) => x._id)).not.toContain(w._id);
  });

  it('the timer trigger runs the same sweep without a caller; a user cannot pose as the timer', async () => {
    const { FUNCTION_MAINS } = await import('../../server/functions/registry');
    setClock(NOW + 2 * 86_400_000);
    const timer = (await FUNCTION_MAINS.visits({ Type: 'Timer', TriggerName: 'sweepWarnings', Time: '' })) as { ok: boolean; data: { checked: number } };
    expect(timer.ok).toBe(true);
    expect(timer.data.checked).toBeGreaterThan(0);
    const { local } = await import('../../local/wx-server-sdk');
    const posing = await local.runWithContext({ OPENID: worker.openid }, () => FUNCTION_MAINS.visits({ Type: 'Timer', TriggerName: 'sweepWarnings', Time: '' }));
    expect(posing).toMatchObject({ ok: false });
  });
});
