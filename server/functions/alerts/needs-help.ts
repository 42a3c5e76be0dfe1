// A roll-call "needs help" opens an urgent discovery case through the cases core (PRODUCT flow 7 → flow 2), once per
// alert and household: the request id is derived from both, so a repeated mark links to the same case.
import { ALERT_REASON_LABELS, type Alert } from '../../../src/core/alerts/roll-call';
import { beijingDate, isMinorOn } from '../../../src/core/calendar';
import { createCase } from '../../../src/core/cases';
import type { Household, Person } from '../../../src/core/records';
import type { ActionContext } from '../../platform/action';
import { idFor } from '../../platform/create-once';
import { unwrap } from '../../platform/result';
import { residentUserIdOf } from '../../platform/users';
import { addCaseWithEffects } from '../../cases/effects';

/** The urgent case of an alert's household: its id is known before it exists, so entries can name it at once. */
export function urgentCaseId(alert: Pick<Alert, '_id'>, household: Pick<Household, '_id'>): string {
  return idFor(`alert:${alert._id}`, household._id);
}

/** Opens the household's urgent case unless it is open already; safe to call again (a repeated or retried mark). */
export async function openUrgentCase(ctx: ActionContext, alert: Alert, household: Household, persons: readonly Person[], note: string | undefined): Promise<string> {
  const { db, caller, now } = ctx;
  const first = persons[0]!;
  const [resident, settings] = await Promise.all([residentUserIdOf(db, first._id), ctx.settings()]);
  const names = persons.map((p) => p.name).join('、');
  const description = `一拉就响（${ALERT_REASON_LABELS[alert.reason]}）点名：${names}需要帮助。${note ?? ''}`.trim();
  const id = urgentCaseId(alert, household);
  const built = unwrap(
    createCase(
      {
        source: 'discovery',
        applicant: { name: first.name },
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
        rosterApplicant: { name: first.name, personId: first._id, householdSize: household.size, minor: isMinorOn(first.birthDate, beijingDate(now)) },
        placement: { gridId: household.gridId, villageId: household.villageId, householdId: household._id, ...(resident ? { residentUserId: resident } : {}) },
      },
    ),
  );
  await addCaseWithEffects(ctx, built, `一拉就响点名：需要帮助（预警 ${alert._id}）`);
  return id;
}
