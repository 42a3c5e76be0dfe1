// A roll-call "needs help" opens an urgent discovery case through the cases core (PRODUCT flow 7 → flow 2), once per
// alert and household: the request id is derived from both, so a repeated mark links to the same case.
import { ALERT_REASON_LABELS, type Alert } from '../../../src/core/alerts/roll-call';
import { beijingDate, isMinorOn } from '../../../src/core/calendar';
import { caseRecordSchema, createCase, type Effect } from '../../../src/core/cases';
import type { Household, Person } from '../../../src/core/records';
import type { ActionContext } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { createOnce } from '../../platform/create-once';
import { unwrap } from '../../platform/result';
import { residentUserIdOf } from '../../platform/users';
import { performEffects } from '../cases/effects';
import { sortKeys } from '../cases/store';

export async function openUrgentCase(ctx: ActionContext, alert: Alert, household: Household, persons: readonly Person[], note: string | undefined): Promise<string> {
  const { db, caller, now } = ctx;
  const first = persons[0]!;
  const [resident, settings] = await Promise.all([residentUserIdOf(db, first._id), ctx.settings()]);
  const names = persons.map((p) => p.name).join('、');
  const description = `一拉就响（${ALERT_REASON_LABELS[alert.reason]}）点名：${names}需要帮助。${note ?? ''}`.trim();
  let effects: Effect[] = [];
  const made = await createOnce(db, COLLECTIONS.cases, { callerId: `alert:${alert._id}`, requestId: household._id }, (id) => {
    const result = createCase(
      {
        source: 'discovery',
        applicant: { name: first.name, personId: first._id, householdSize: household.size, minor: isMinorOn(first.birthDate, beijingDate(now)) },
        description,
        helpCategory: 'emergency',
        urgency: 'urgent',
      },
      {
        id,
        now,
        actor: { userId: caller.user._id, role: caller.user.role },
        settings,
        requestId: `alert:${alert._id}:${household._id}`,
        placement: { gridId: household.gridId, villageId: household.villageId, householdId: household._id, ...(resident ? { residentUserId: resident } : {}) },
      },
    );
    const built = unwrap(result);
    effects = built.effects;
    return { ...built.record, ...sortKeys(built.record) };
  });
  if (made.created) {
    const record = caseRecordSchema.parse(made.record);
    await Promise.all([
      ctx.audit({ collection: COLLECTIONS.cases, recordId: made.id, kind: 'create', to: record.state, why: `一拉就响点名：需要帮助（预警 ${alert._id}）` }),
      performEffects(db, record, effects, now),
    ]);
  }
  return made.id;
}
