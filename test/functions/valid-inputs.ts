// Valid inputs for any action, for the property tests that must get past the gates (property-reach, error-fuzz):
// zod-fast-check generates them from the action's own input schema; ids are real records of the seeded town and
// of the fixtures `seedTownWithFixtures` makes; owners and versions mostly fit the record the input names.
import fc from 'fast-check';
import { z } from 'zod';
import { ZodFastCheck } from 'zod-fast-check';
import { COLLECTIONS } from '../../server/platform/collections';
import { cursorSchema } from '../../server/platform/paging';
import { db } from '../../server/platform/cloud';
import { isBound } from '../../server/functions/admin/invitations';
import { ROLES, inScope, scopeOf, type Role, type ScopedUser } from '../../src/core/roles';
import { CODE_ALPHABET, INVITATION_CODE_LENGTH, LINK_CODE_LENGTH, invitationCodeSchema, linkCodeSchema } from '../../src/core/onboarding';
import { makeIdNumber, sequenceFor } from '../../src/core/id-number';
import { SETTING_FIELDS, defaultOf } from '../../src/core/settings-edit';
import { CATEGORIES } from '../../src/core/categories';
import { CHECKLIST_KEYS, memberAnswersSchema, type MemberAnswers } from '../../src/core/visits/visit-record';
import { holidayArrangementSchema } from '../../src/core/holidays';
import { IMPORT_TEMPLATE_HEADERS } from '../../src/core/roster/ledger-import';
import { toCsv } from '../../src/core/roster/csv';
import { halfYearSchema } from '../../src/core/verification';
import { all, freshTown, ok, rawCall, type DemoUser, type Raw } from './harness';
import { uploadAs } from './uploads';

/** Not a collection: the subscription templates the environment configures (notify.subscriptions). */
const TEMPLATES = 'templates';

/** Input keys holding a record id, and the collection the id is drawn from. */
const ID_KEYS: Record<string, string> = {
  personId: COLLECTIONS.persons,
  personIds: COLLECTIONS.persons,
  householdId: COLLECTIONS.households,
  gridId: COLLECTIONS.grids,
  villageId: COLLECTIONS.villages,
  villageIds: COLLECTIONS.villages,
  caseId: COLLECTIONS.cases,
  alertId: COLLECTIONS.alerts,
  issueId: COLLECTIONS.issues,
  planId: COLLECTIONS.plans,
  warningId: COLLECTIONS.warnings,
  visitId: COLLECTIONS.visits,
  userId: COLLECTIONS.users,
  ownerId: COLLECTIONS.users,
  invitationId: COLLECTIONS.invitations,
  jobId: COLLECTIONS.jobs,
  areaId: COLLECTIONS.grids,
  referralId: COLLECTIONS.referrals,
  appraisalId: COLLECTIONS.appraisals,
  templateIds: TEMPLATES,
  campaignId: COLLECTIONS.campaigns,
  subjectId: COLLECTIONS.campaignSubjects,
};
/** Per action, keys whose id comes from another collection than the key's usual one. */
const ACTION_ID_KEYS: Record<string, Record<string, string>> = {
  'people.decideLink': { requestId: COLLECTIONS.linkRequests },
};

/** The bound users of each role, as the database holds them now (refreshPools). */
export let byRole: Record<Role, DemoUser[]>;
const pools: Record<string, string[]> = {};
/** Every person of the seeded town. */
export let persons: Raw[] = [];
let fileIds: string[] = [];
const codes: { invitation: string[]; link: string[] } = { invitation: [], link: [] };

/** Callers and pools from the database as the actions before left it (re-invitations sign staff out, grids move). */
export async function refreshPools(): Promise<void> {
  const users = (await all(COLLECTIONS.users)) as unknown as DemoUser[];
  byRole = Object.fromEntries(ROLES.map((r) => [r, users.filter((u) => u.role === r && isBound(u))])) as Record<Role, DemoUser[]>;
  const collections = new Set([...Object.values(ID_KEYS), ...Object.values(ACTION_ID_KEYS).flatMap((m) => Object.values(m))]);
  for (const name of collections) if (name !== TEMPLATES) pools[name] = (await all(name)).map((r) => r._id);
}

/** Mostly a code that was issued, else one of the right shape. */
const codeArb = (length: number, issued: string[]) =>
  fc.oneof(
    fc.constantFrom(...issued),
    fc.string({ unit: fc.constantFrom(...CODE_ALPHABET.split('')), minLength: length, maxLength: length }),
  );
const phoneArb = fc.oneof(
  fc.integer({ min: 0, max: 99_999_999 }).map((n) => `139${String(n).padStart(8, '0')}`),
  fc.constant('13800138000'),
);
const freshIdNumberArb = fc
  .record({ year: fc.integer({ min: 1940, max: 2015 }), day: fc.integer({ min: 1, max: 28 }), k: fc.integer({ min: 0, max: 400 }) })
  .map(({ year, day, k }) => makeIdNumber('330110', `${year}-03-${String(day).padStart(2, '0')}`, sequenceFor(k, k % 2 ? 'male' : 'female')));
/** Times around the seeded town's "now" (the test's clock): the past week and the next day. */
const timeArb = fc.integer({ min: -7 * 86_400_000, max: 86_400_000 }).map((d) => Date.now() + d);
const dateArb = fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const settingsChangeArb = fc.constantFrom(...SETTING_FIELDS).chain((field) => {
  const value = defaultOf(field.path);
  const arb: fc.Arbitrary<unknown> =
    field.kind === 'number' ? fc.integer({ min: 1, max: 30 }).map((d) => Number(value) + d)
    : field.kind === 'boolean' ? fc.boolean()
    : field.kind === 'categories' ? fc.subarray([...CATEGORIES], { minLength: 1 })
    : fc.constant(value);
  return arb.map((v) => ({ [field.path]: v }));
});

/** A member seen on a visit answers every question (the child-at-risk one is the server's to ask of minors), or was not seen. */
const memberAnswersArb = fc.record({ seen: fc.boolean(), answers: fc.array(fc.boolean(), { minLength: CHECKLIST_KEYS.length, maxLength: CHECKLIST_KEYS.length }) }).map(
  ({ seen, answers }): MemberAnswers =>
    // personId is replaced by a real one (withRealIds).
    seen ? { personId: 'p-0', ...Object.fromEntries(CHECKLIST_KEYS.filter((k) => k !== 'childAtRisk').map((k, i) => [k, answers[i]])) } : { personId: 'p-0', notSeen: true },
);
/** A year's holiday arrangement the town could enter: 元旦 off, and a make-up Saturday or none. */
const arrangementArb = fc.record({ year: fc.integer({ min: 2027, max: 2030 }), makeup: fc.boolean() }).map(({ year, makeup }) => {
  const firstSaturday = [...Array(7).keys()].map((d) => new Date(Date.UTC(year, 1, d + 1))).find((d) => d.getUTCDay() === 6)!;
  return { year, holidays: [{ name: '元旦', from: `${year}-01-01`, to: `${year}-01-01` }], makeupDays: makeup ? [firstSaturday.toISOString().slice(0, 10)] : [] };
});

/** Overrides, by schema node, for the nodes zod-fast-check cannot generate (regexes, refinements) or that must match the town. */
export function generatorFor(schema: z.ZodTypeAny): fc.Arbitrary<unknown> {
  let zfc = ZodFastCheck()
    .override(cursorSchema, fc.constant('0|none'))
    .override(invitationCodeSchema, codeArb(INVITATION_CODE_LENGTH, codes.invitation))
    .override(linkCodeSchema, codeArb(LINK_CODE_LENGTH, codes.link))
    .override(memberAnswersSchema, memberAnswersArb)
    .override(holidayArrangementSchema, arrangementArb)
    .override(halfYearSchema, fc.constantFrom('2026H1', '2026H2', '2027H1'));
  const byKey: Record<string, fc.Arbitrary<unknown>> = {
    phone: phoneArb,
    contactPhone: phoneArb,
    phoneTail: fc.constantFrom(...persons.slice(0, 50).map((p) => String(p.phone).slice(-4))),
    idTail: fc.constantFrom(...persons.slice(0, 50).map((p) => String(p.idNumber).slice(-4))),
    idNumber: fc.oneof(fc.constantFrom(...persons.map((p) => String(p.idNumber))), freshIdNumberArb),
    changes: settingsChangeArb,
  };
  const visit = (node: z.ZodTypeAny, key: string | undefined): void => {
    if (key && /At$/.test(key) && node instanceof z.ZodNumber) {
      zfc = zfc.override(node, timeArb);
      return;
    }
    if (key && /On$/.test(key) && node instanceof z.ZodString) {
      zfc = zfc.override(node, dateArb);
      return;
    }
    if (key && byKey[key] && !(node instanceof z.ZodOptional)) {
      zfc = zfc.override(node, byKey[key]);
      return;
    }
    if (node instanceof z.ZodObject) for (const [k, child] of Object.entries(node.shape as Record<string, z.ZodTypeAny>)) visit(child, k);
    else if (node instanceof z.ZodOptional || node instanceof z.ZodNullable || node instanceof z.ZodDefault) visit(node._def.innerType, key);
    else if (node instanceof z.ZodEffects) visit(node.innerType(), key);
    else if (node instanceof z.ZodArray) visit(node.element, key);
    else if (node instanceof z.ZodUnion || node instanceof z.ZodDiscriminatedUnion) for (const option of node.options as z.ZodTypeAny[]) visit(option, key);
  };
  visit(schema, undefined);
  return zfc.inputOf(schema);
}


/** Staff who answer for a record's grid or village: the owners a handler accepts for it. */
function staffCovering(record: Raw | undefined): string[] {
  if (!record) return [];
  const staff = [...byRole.gridworker, ...byRole.cadre];
  return staff.filter((u) => (record.gridId && u.gridIds.includes(String(record.gridId))) || (u.role === 'cadre' && record.villageId && u.villageIds.includes(String(record.villageId)))).map((u) => u._id);
}

/** Users an action expects under a user-id key: of the role it assigns, or any staff. */
const USER_POOLS: Record<string, () => DemoUser[]> = {
  'admin.assignVillage': () => byRole.cadre,
  'admin.assignGrid': () => byRole.gridworker,
};

type Pick = (n: number) => number;

/** Puts real ids into a generated input: the record of its first id key anchors the version (mostly current)
 *  and the owner (mostly staff who answer for that record's area); `anchors` collects it. */
async function withRealIds(value: unknown, action: string, pick: Pick, anchors: Raw[] = []): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((v) => withRealIds(v, action, pick)));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  let anchor: { collection: string; record?: Raw } | undefined;
  const userKeys = ['userId', 'ownerId'];
  for (const [key, v] of Object.entries(out)) {
    const collection = ACTION_ID_KEYS[action]?.[key] ?? ID_KEYS[key];
    const pool = collection ? pools[collection] : undefined;
    if (userKeys.includes(key) && !ACTION_ID_KEYS[action]?.[key]) continue; // after the anchor, below
    if (pool?.length && typeof v === 'string') {
      out[key] = pool[pick(pool.length)];
      if (!anchor) anchor = { collection, record: (await db().collection(collection).where({ _id: out[key] }).limit(1).get()).data[0] as Raw | undefined };
    } else if (pool?.length && Array.isArray(v)) {
      out[key] = [...new Set(v.map(() => pool[pick(pool.length)]))]; // id lists hold each record once
    } else if (/fileIds?$|photos?$/i.test(key) && fileIds.length && (Array.isArray(v) || typeof v === 'string')) {
      out[key] = Array.isArray(v) ? v.slice(0, 2).map(() => fileIds[pick(fileIds.length)]) : fileIds[pick(fileIds.length)];
    } else out[key] = await withRealIds(v, action, pick);
  }
  for (const key of userKeys) {
    if (typeof out[key] !== 'string' || ACTION_ID_KEYS[action]?.[key]) continue;
    const covering = staffCovering(anchor?.record);
    const role = USER_POOLS[action]?.().map((u) => u._id) ?? [];
    const pool = role.length && pick(5) > 0 ? role : covering.length && pick(5) > 0 ? covering : pools[COLLECTIONS.users];
    out[key] = pool[pick(pool.length)];
  }
  if (anchor?.record && typeof out.version === 'number' && pick(5) > 0) out.version = Number(anchor.record.version ?? 0);
  if (anchor?.record) anchors.push(anchor.record);
  return out;
}

/** A fresh demo town with a record of every kind an action takes an id of, and every function warmed up. */
export async function seedTownWithFixtures(): Promise<void> {
  await freshTown();
  await refreshPools();
  persons = await all(COLLECTIONS.persons);
  const [officer] = byRole.officer;
  const [admin] = byRole.admin;
  const [worker] = byRole.gridworker;
  const resident = byRole.resident.find((u) => !u.personId)!;
  // Fixtures, so every id-taking action has records to find: cases, a visit with a finding (an issue), a plan,
  // an open alert, an invitation, a resident's link request and link code, an uploaded photo, a ledger import.
  fileIds = [await uploadAs(worker.openid, 'visit'), await uploadAs(resident.openid, 'material')];
  const household = (await all(COLLECTIONS.households, { gridId: worker.gridIds[0] }))[0];
  const members = persons.filter((p) => p.householdId === household._id);
  await ok(rawCall(resident.openid, 'cases', { action: 'create', input: { requestId: 'reach-case-0001', gridId: worker.gridIds[0], case: { source: 'selfReport', applicant: { name: '本人' }, description: '家里困难，需要帮助', helpCategory: 'living', sensitiveInfoConsent: true } } }) as never);
  await ok(rawCall(worker.openid, 'cases', { action: 'create', input: { requestId: 'reach-case-0002', personId: members[0]._id, case: { source: 'discovery', applicant: { name: String(members[0].name) }, description: '走访发现生活困难', helpCategory: 'living', urgency: 'normal' } } }) as never);
  // Every checklist question answered; "does not know how to apply" is a finding, so the visit opens an issue.
  const answers = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k === 'policyDelivered' || k === 'doesNotKnowHowToApply']));
  await ok(rawCall(worker.openid, 'visits', { action: 'record', input: { requestId: 'reach-visit-0001', householdId: household._id, visitedAt: Date.now() - 60_000, members: members.map((m) => ({ personId: m._id, ...answers })), notes: '' } }) as never);
  await ok(rawCall(worker.openid, 'visits', { action: 'createPlan', input: { requestId: 'reach-plan-0001', householdId: household._id, ownerId: worker._id, frequencyDays: 7 } }) as never);
  await ok(rawCall(officer.openid, 'alerts', { action: 'raise', input: { requestId: 'reach-alert-0001', reason: 'coldWave', villageIds: worker.villageIds, deadlineHours: 4, instructions: '寒潮降温，请逐户确认取暖' } }) as never);
  const staff = (await ok(rawCall(admin.openid, 'admin', { action: 'createUser', input: { requestId: 'reach-user-0001', name: '新员工', role: 'gridworker' } }) as never)) as { user: { _id: string; version: number } };
  const invited = (await ok(rawCall(admin.openid, 'admin', { action: 'invite', input: { userId: staff.user._id, version: staff.user.version } }) as never)) as { code: string };
  codes.invitation = [invited.code];
  const claimant = persons.find((p) => p.gridId === worker.gridIds[0] && !byRole.resident.some((u) => u.personId === p._id))!;
  const seeker = byRole.resident.filter((u) => !u.personId)[1];
  await ok(rawCall(seeker.openid, 'session', { action: 'requestLink', input: { name: claimant.name, idNumber: claimant.idNumber, phone: claimant.phone } }) as never);
  // A ledger import (one new household), so importProgress has a job to report on.
  const grid = (await all(COLLECTIONS.grids, { _id: worker.gridIds[0] }))[0];
  const ledgerRow: Record<string, string> = { 姓名: '冯立新', 身份证号: makeIdNumber('431123', '1970-01-02', 961), 与户主关系: '户主', 网格编号: String(grid.code), 住址: '某村1号' };
  await ok(rawCall(worker.openid, 'people', { action: 'import', input: { requestId: 'reach-import-0001', csv: toCsv([IMPORT_TEMPLATE_HEADERS, IMPORT_TEMPLATE_HEADERS.map((h) => ledgerRow[h] ?? '')]) } }) as never);
  // A referral from the discovery case, and a 民主评议 record on it by the village's cadre.
  const discovery = (await all(COLLECTIONS.cases, { requestId: 'reach-case-0002' }))[0];
  await ok(rawCall(officer.openid, 'referrals', { action: 'create', input: { requestId: 'reach-referral-0001', kind: 'medical', reason: '大病医疗', from: { kind: 'case', caseId: discovery._id } } }) as never);
  const cadre = byRole.cadre.find((c) => c.villageIds.includes(String(discovery.villageId)))!;
  const minutes = await uploadAs(cadre.openid, 'review');
  await ok(rawCall(cadre.openid, 'cases', { action: 'recordAppraisal', input: { requestId: 'reach-appraisal-0001', heldOn: '2026-01-05', attendees: 15, items: [{ caseId: discovery._id, verdict: 'agree' }], minutesFileIds: [minutes] } }) as never);
  const standing = (await ok(rawCall(resident.openid, 'notify', { action: 'subscriptions', input: {} }) as never)) as { templates: { templateId: string }[] };
  pools[TEMPLATES] = standing.templates.map((t) => t.templateId);
  codes.link = [((await ok(rawCall(resident.openid, 'session', { action: 'linkCode', input: {} }) as never)) as { code: string }).code];
  // A verification campaign whose results flagged a person of the worker's grid (a re-check task to record).
  await ok(rawCall(officer.openid, 'verify', { action: 'open', input: { half: '2026H2', requestId: 'reach-campaign-0001' } }) as never);
  const flagged = persons.find((p) => p.gridId === worker.gridIds[0] && (p.categories as string[]).includes('dibao'))!;
  const results = await uploadAs(officer.openid, 'verification', Buffer.from(`身份证号,比对结论代码,疑点说明\n${flagged.idNumber},02,有车辆\n`, 'utf8'), 'csv');
  await ok(rawCall(officer.openid, 'verify', { action: 'importResults', input: { campaignId: 'campaign-2026H2', fileId: results, requestId: 'reach-results-0001' } }) as never);
  fileIds.push(await uploadAs(worker.openid, 'recheck'));
  // Each function's first success in an instance records its build (platform/deployments.ts): done here, so a
  // change below is the action's own.
  for (const [fn, action, who] of [['people', 'importTemplate', worker], ['notify', 'subscriptions', worker], ['session', 'me', worker], ['admin', 'structure', worker], ['cases', 'worklist', worker], ['visits', 'summary', worker], ['alerts', 'alerts', worker], ['referrals', 'board', worker], ['reports', 'dashboard', worker], ['verify', 'tasks', worker]] as const) {
    await ok(rawCall(who.openid, fn, { action, input: {} }) as never);
  }
  await refreshPools();
}

/**
 * A generated input with real ids, as it arrives over the wire (JSON: keys whose value is undefined do not), and
 * the record it is about (its first id), if any.
 */
export async function realInput(generated: unknown, action: string, stream: fc.Stream<number>): Promise<{ input: unknown; anchor?: Raw }> {
  const randoms = stream[Symbol.iterator]();
  const anchors: Raw[] = [];
  const input = JSON.parse(JSON.stringify(await withRealIds(generated, action, (n) => (randoms.next().value as number) % n, anchors)) ?? 'null') as unknown;
  return { input, anchor: anchors[0] };
}

/** The users among `users` whose scope holds the record (its grid and village), for calls that get past scope. */
export function covering(users: DemoUser[], record: Raw | undefined): DemoUser[] {
  if (!record || typeof record.gridId !== 'string' || typeof record.villageId !== 'string') return [];
  const at = { gridId: record.gridId, villageId: record.villageId, personId: record._id };
  return users.filter((u) => inScope(scopeOf(u as DemoUser & ScopedUser), at));
}
