// The roster (底数清, issue 4): capture with the duplicate check, search by name / ID tail / phone tail for the town
// office, edits of tier and flags that re-plan the next visit at once, major changes, key households (重点户, set by
// the office), and the low-income monitoring facts behind the warnings.
import { z } from 'zod';
import { beijingDate } from '../../../src/core/calendar';
import { CATEGORIES, RISK_TIER_KEYS, type Category, type RiskTier } from '../../../src/core/categories';
import { AppFailure } from '../../../src/core/errors';
import { parseIdNumber } from '../../../src/core/id-number';
import { maskPerson, maskPhone, personRow, personView } from '../../../src/core/masking';
import { householdMonitoringSchema } from '../../../src/core/monitoring/facts';
import { gridSchema, type Household, type Person } from '../../../src/core/records';
import { CASEWORK_ROLES, type Role } from '../../../src/core/roles';
import { duplicateError, duplicatesByScope, findDuplicates, type RosterIdentity } from '../../../src/core/roster/duplicates';
import { checkCaptureFlags, HEAD_RELATION, personCaptureSchema, ROSTER_NOTES_MAX, type PersonCapture } from '../../../src/core/roster/person-capture';
import { checkMajorChangeTime, majorChangeKindSchema } from '../../../src/core/visits/major-change';
import { plannedVisit } from '../../../src/core/visits/person-schedule';
import { defineAction, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { addOnce, createOnce, idFor, storedFor } from '../../platform/create-once';
import type { Database } from '../../platform/database-port';
import { unwrap } from '../../platform/result';
import { scopeCondition } from '../../platform/scope-query';
import { loadSettings } from '../../platform/settings';
import { readRecord, updateVersioned } from '../../platform/store';
import { auditPersonChange, recordMajorChange } from '../../roster/major-change';
import { nextMonitorCheck, storeWarningsFor } from '../../roster/monitoring';
import { assertInScope, householdSchema, newHouseholdRecord, newPersonRecord, personSchema, recountHousehold, scopedHousehold, scopedPerson, writeMembers, writePerson } from '../../roster/persons';

/** Roles that keep the roster: the grid's workers, the village's cadres, the town office. */
const ROSTER_ROLES: readonly Role[] = ['gridworker', 'cadre', 'officer'];
const idSchema = z.string().min(1).max(64);
const versionSchema = z.number().int().nonnegative();
const SEARCH_MAX = 50;
/** Parsed here only for its shape; the handler checks the ID number's birth date against the server's today. */
const captureInput = personCaptureSchema('9999-12-31');

/** Persons with this ID number, or this name and phone, anywhere in the town. */
async function possibleDuplicates(db: Database, candidate: { idNumber: string; phone: string }): Promise<RosterIdentity[]> {
  const [byId, byPhone] = await Promise.all([
    db.collection(COLLECTIONS.persons).where({ idNumber: candidate.idNumber }).limit(10).get(),
    candidate.phone ? db.collection(COLLECTIONS.persons).where({ phone: candidate.phone }).limit(100).get() : { data: [] },
  ]);
  return [...byId.data, ...byPhone.data].map((raw) => personSchema.parse(raw));
}


function scheduleView(p: Person, settings: Parameters<typeof plannedVisit>[1], now: number) {
  const due = plannedVisit(p, settings, now);
  return { nextVisitDue: p.nextVisitDue ?? due.dueAt, dueReason: due.reason };
}

export const rosterActions = {
  /** Capture a person into a new household (as its head) or an existing one; refuses duplicates with a link. */
  create: defineAction({
    roles: ROSTER_ROLES,
    input: captureInput,
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const id = parseIdNumber(input.idNumber, beijingDate(now));
      if (!id.ok) throw new AppFailure(id.error.code, id.error.message, [{ path: 'idNumber', message: id.error.message }]);
      const flags = checkCaptureFlags(input, caller.user.role);
      if (!flags.ok) throw new AppFailure(flags.error.code, flags.error.message);
      const key = { callerId: caller.user._id, requestId: input.requestId };
      // Everything the capture is checked against is read at once: the household chosen, the grid, a record stored
      // by an earlier try of this request, and the possible duplicates.
      const [chosen, grid, storedBefore, candidates, settings] = await Promise.all([
        input.householdId ? scopedHousehold(db, caller.scope, input.householdId) : null,
        readRecord(db, COLLECTIONS.grids, input.gridId, gridSchema),
        storedFor(db, COLLECTIONS.persons, key),
        possibleDuplicates(db, input),
        ctx.settings(),
      ]);
      if (chosen && chosen.gridId !== input.gridId) throw new AppFailure('INPUT.INVALID', '所选家庭不在这个网格');
      assertInScope(caller.scope, { gridId: grid._id, villageId: grid.villageId });
      // docs/product.md: duplicates are caught at capture (same ID number; same name and phone), with a link to the record.
      // Checked before anything is written (a refused capture leaves no household behind); a retry is not re-checked.
      if (!storedBefore) {
        const matches = findDuplicates(input, candidates);
        if (matches.length) {
          const { visible, elsewhere } = duplicatesByScope(matches, caller.scope);
          // A capture that hit a record outside the caller's area looked it up: audited, though nothing of it is named.
          if (elsewhere.length > 0) await ctx.audit(...elsewhere.map((m) => ({ collection: COLLECTIONS.persons, recordId: m.personId, kind: 'view' as const, why: 'duplicate-elsewhere' })));
          const e = duplicateError(visible).error;
          throw new AppFailure(e.code, e.message, e.details);
        }
      }
      // A new household (its id derived from the request, as the person's) is written beside the person: a retry
      // of a request cut off between the two completes the other, and each is stored once.
      const householdId = chosen?._id ?? idFor(key.callerId, `${key.requestId}:household`);
      const target: Household = chosen ?? newHouseholdRecord(householdId, grid, input, { size: 1, keyHousehold: input.keyHousehold }, now);
      const capture: PersonCapture = chosen ? input : { ...input, relation: HEAD_RELATION };
      const [madeHousehold, stored] = await Promise.all([
        chosen ? null : addOnce(db, COLLECTIONS.households, householdId, () => target),
        createOnce(db, COLLECTIONS.persons, key, (pid) => newPersonRecord(pid, capture, target, settings, now)),
      ]);
      const person = personSchema.parse(stored.record);
      await Promise.all([
        ctx.audit(
          ...(madeHousehold?.created ? [{ collection: COLLECTIONS.households, recordId: householdId, kind: 'create' as const, to: { gridId: target.gridId, headName: target.headName } }] : []),
          ...(stored.created ? [{ collection: COLLECTIONS.persons, recordId: person._id, kind: 'create' as const, to: { householdId: person.householdId, gridId: person.gridId } }] : []),
        ),
        // A new household was written with its one member counted; a member joining one changes its size.
        stored.created && chosen ? recountHousehold(db, householdId) : undefined,
      ]);
      return { person: personView(person, caller.user.role, { today: beijingDate(now) }).value, householdId, created: stored.created, ...scheduleView(person, settings, now) };
    },
  }),

  /** Town staff look people up instead of browsing everyone's sensitive data; results are masked like any list. */
  search: defineAction({
    roles: CASEWORK_ROLES,
    input: z
      .object({
        name: z.string().trim().min(1).max(30).optional(),
        idTail: z.string().trim().regex(/^[0-9Xx]{4}$/, '请输入身份证号后4位').optional(),
        phoneTail: z.string().trim().regex(/^\d{4}$/, '请输入手机号后4位').optional(),
        villageId: idSchema.optional(),
        after: idSchema.optional(),
        limit: z.number().int().min(1).max(SEARCH_MAX).default(20),
      })
      .strict(),
    async run(ctx, input) {
      const { db, caller } = ctx;
      const _ = db.command;
      if (!input.name && !input.idTail && !input.phoneTail) throw new AppFailure('INPUT.INVALID', '请输入姓名、身份证号后4位或手机号后4位');
      const where = scopeCondition(_, caller.scope, input);
      if (input.name) where.name = _.and(_.gte(input.name), _.lt(`${input.name}\uffff`));
      if (input.idTail) where.idTail = input.idTail.toUpperCase();
      if (input.phoneTail) where.phoneTail = input.phoneTail;
      if (input.after) where._id = _.gt(input.after);
      const found = await db.collection(COLLECTIONS.persons).where(where).orderBy('_id', 'asc').limit(input.limit).get();
      const items = found.data.map((raw) => personRow(personSchema.parse(raw), beijingDate(ctx.now)));
      // RULES §29: who looked for whom is on record, even though a list shows masked values only.
      const criteria = { name: input.name ?? null, idTail: input.idTail ?? null, phoneTail: input.phoneTail ?? null, villageId: input.villageId ?? null };
      await ctx.audit({ collection: COLLECTIONS.persons, recordId: 'search', kind: 'view', to: criteria, why: `${items.length}` });
      const last = items[items.length - 1];
      return { items, next: items.length === input.limit && last ? last._id : null };
    },
  }),

  /** Tier, categories and flags: the next visit is re-planned at once (RULES §25). */
  update: defineAction({
    roles: ROSTER_ROLES,
    input: z
      .object({
        personId: idSchema,
        version: versionSchema,
        riskTier: z.enum(RISK_TIER_KEYS as [RiskTier, ...RiskTier[]]).optional(),
        categories: z.array(z.enum(CATEGORIES as [Category, ...Category[]])).max(CATEGORIES.length).optional(),
        floating: z.boolean().optional(),
        centralisedCare: z.boolean().optional(),
        disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
        notes: z.string().max(ROSTER_NOTES_MAX, `备注不能超过${ROSTER_NOTES_MAX}字`).optional(),
      })
      .strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      await scopedPerson(db, caller.scope, input.personId);
      const settings = await loadSettings(db);
      const { personId, version, disabilityGrade, categories, ...rest } = input;
      const change: Partial<Person> = { ...rest };
      if (categories) change.categories = [...new Set(categories)];
      if (disabilityGrade !== undefined) change.disabilityGrade = disabilityGrade ?? undefined;
      const { before, after } = await writePerson(db, personId, () => change, { settings, now, version });
      await auditPersonChange(ctx, before, after, Object.keys(change) as (keyof Person)[]);
      return { person: personView(after, caller.user.role, { today: beijingDate(now) }).value, ...scheduleView(after, settings, now) };
    },
  }),

  /** A major change (hospitalised, death in the family, disaster, lost income): a visit is due within 24 h. */
  recordChange: defineAction({
    roles: ROSTER_ROLES,
    input: z.object({ personId: idSchema, kind: majorChangeKindSchema, occurredAt: z.number().int().positive().optional() }).strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const person = await scopedPerson(db, caller.scope, input.personId);
      const occurredAt = unwrap(checkMajorChangeTime(input.occurredAt ?? now, now));
      const { after, settings } = await recordMajorChange(ctx, person, input.kind, occurredAt);
      return { person: personView(after, caller.user.role, { today: beijingDate(now) }).value, ...scheduleView(after, settings, now) };
    },
  }),

  /** 重点户: only the town office sets or clears it; every member takes the higher visit frequency at once. */
  setKeyHousehold: defineAction({
    roles: ['officer'],
    input: z.object({ householdId: idSchema, version: versionSchema, keyHousehold: z.boolean() }).strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const household = await scopedHousehold(db, caller.scope, input.householdId);
      const updated = await updateVersioned(db, COLLECTIONS.households, householdSchema, household._id, input.version, { keyHousehold: input.keyHousehold }, now);
      await ctx.audit({ collection: COLLECTIONS.households, recordId: household._id, kind: 'update', from: { keyHousehold: household.keyHousehold }, to: { keyHousehold: updated.keyHousehold } });
      const settings = await loadSettings(db);
      const writes = await writeMembers(db, household._id, () => ({ keyHousehold: input.keyHousehold }), { settings, now });
      for (const w of writes) await auditPersonChange(ctx, w.before, w.after, ['keyHousehold']);
      return { household: maskPerson(updated, caller.user.role).value, members: writes.map((w) => ({ personId: w.after._id, name: w.after.name, nextVisitDue: w.after.nextVisitDue ?? null })) };
    },
  }),

  /** Key households in the caller's area, by id. */
  keyHouseholds: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ villageId: idSchema.optional(), gridId: idSchema.optional(), after: idSchema.optional(), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    async run({ caller, db }, input) {
      const _ = db.command;
      const where = scopeCondition(_, caller.scope, input);
      where.keyHousehold = true;
      if (input.after) where._id = _.gt(input.after);
      const found = await db.collection(COLLECTIONS.households).where(where).orderBy('_id', 'asc').limit(input.limit).get();
      const items = found.data.map((raw) => {
        const h = householdSchema.parse(raw);
        return { _id: h._id, version: h.version, headName: h.headName, address: h.address, size: h.size, gridId: h.gridId, villageId: h.villageId, phone: maskPhone(h.phone), floating: h.floating };
      });
      const last = items[items.length - 1];
      return { items, next: items.length === input.limit && last ? last._id : null };
    },
  }),

  /** A household's monitoring facts (RULES §9, §22, §23), as the office recorded them. */
  monitoring: defineAction({
    roles: ['officer'],
    input: z.object({ householdId: idSchema }).strict(),
    async run({ caller, db }, input) {
      const household = await scopedHousehold(db, caller.scope, input.householdId);
      return { householdId: household._id, version: household.version, headName: household.headName, address: household.address, monitoring: household.monitoring ?? {} };
    },
  }),

  /** The office records the facts; the warnings they raise are stored at once and re-checked daily. */
  updateMonitoring: defineAction({
    roles: ['officer'],
    input: z.object({ householdId: idSchema, version: versionSchema, monitoring: householdMonitoringSchema }).strict(),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const household = await scopedHousehold(db, caller.scope, input.householdId);
      const updated = await updateVersioned(db, COLLECTIONS.households, householdSchema, household._id, input.version, { monitoring: db.command.set(input.monitoring), monitorCheckAt: nextMonitorCheck(now) }, now);
      await ctx.audit({ collection: COLLECTIONS.households, recordId: household._id, kind: 'update', from: { monitoring: household.monitoring ?? null }, to: { monitoring: input.monitoring } });
      const created = await storeWarningsFor(db, updated, await loadSettings(db), now);
      for (const w of created) await ctx.audit({ collection: COLLECTIONS.warnings, recordId: w._id, kind: 'create', to: { type: w.type, dueDate: w.dueDate } });
      return { householdId: updated._id, version: updated.version, warnings: created.map((w) => ({ _id: w._id, type: w.type, message: w.message, dueDate: w.dueDate })) };
    },
  }),
} satisfies ActionTable;
