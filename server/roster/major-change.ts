// A major change in a household (重大变故), one home for every function that records one: the person's change
// (which re-plans their visit, RULES §25), the audit entry, and the household's monitoring facts and warnings
// (RULES §9) — from the roster (people.recordChange) and from a resident's application (cases.create, issue 15).
import type { Person } from '../../src/core/records';
import type { MajorChangeKind } from '../../src/core/visits/major-change';
import { AppFailure } from '../../src/core/errors';
import type { TownSettings } from '../../src/core/settings';
import type { ActionContext } from '../platform/action';
import { COLLECTIONS } from '../platform/collections';
import { loadSettings } from '../platform/settings';
import { readRecord, updateVersioned } from '../platform/store';
import { nextMonitorCheck, storeWarningsFor } from './monitoring';
import { householdSchema, writePerson } from './persons';

/** The changed fields of a person (and the visit plan they move), before and after, as one audit entry. */
export async function auditPersonChange(ctx: ActionContext, before: Person, after: Person, fields: readonly (keyof Person)[], why?: string): Promise<void> {
  const from: Record<string, unknown> = {};
  const to: Record<string, unknown> = {};
  for (const f of [...fields, 'nextVisitDue'] as (keyof Person)[]) {
    if (JSON.stringify(before[f]) === JSON.stringify(after[f])) continue;
    from[f] = before[f] ?? null;
    to[f] = after[f] ?? null;
  }
  await ctx.audit({ collection: COLLECTIONS.persons, recordId: after._id, kind: 'update', from, to, ...(why ? { why } : {}) });
}

/** Records `kind` for the person, known from now and happened at `occurredAt`; `why` goes to the audit entry. */
export async function recordMajorChange(
  ctx: ActionContext,
  person: Person,
  kind: MajorChangeKind,
  occurredAt: number,
  why: string = kind,
): Promise<{ after: Person; settings: TownSettings }> {
  const { db, now } = ctx;
  const settings = await loadSettings(db);
  const { before, after } = await writePerson(db, person._id, (p) => ({ majorChanges: [...(p.majorChanges ?? []), { kind, at: now }] }), { settings, now });
  await auditPersonChange(ctx, before, after, ['majorChanges'], why);
  // RULES §9: the town knows of the change from now; one reported > 3 months late is a monitoring warning.
  for (let attempt = 0; ; attempt++) {
    const household = await readRecord(db, COLLECTIONS.households, person.householdId, householdSchema);
    const monitoring = { ...(household.monitoring ?? {}) };
    monitoring.majorChanges = [...(monitoring.majorChanges ?? []), { kind, occurredAt, reportedAt: now }].slice(-50);
    try {
      const updated = await updateVersioned(db, COLLECTIONS.households, householdSchema, household._id, household.version, { monitoring: db.command.set(monitoring), monitorCheckAt: nextMonitorCheck(now) }, now);
      await storeWarningsFor(db, updated, settings, now);
      return { after, settings };
    } catch (thrown) {
      if (attempt >= 4 || !(thrown instanceof AppFailure) || thrown.error.code !== 'RECORD.CONFLICT') throw thrown;
    }
  }
}
