// Performs what a case transition asks for: notices to the people it names (in-app message centre), and the
// explanation task after a denial. The core decides what; this decides who, by the case's grid.
import { CASE_KIND_LABELS, CASE_STATE_LABELS, CLOCK_STEP_LABELS, type CaseRecord, type Effect, type NotifyEffect } from '../../../src/core/cases';
import { beijingDate } from '../../../src/core/calendar';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { postMessages, type MessageInput } from '../../platform/messages';

const MESSAGE_TITLES: Record<NotifyEffect['message'], string> = {
  stateChanged: '办理进度更新',
  missingMaterials: '请补齐申请材料',
  decision: '审批结果',
  confirmProxy: '请确认代办申请',
  urgentReport: '紧急求助线索',
  clockDueSoon: '办理时限将到',
  clockBreached: '已超过办理时限',
};

async function userIds(db: Database, where: object): Promise<string[]> {
  const found = await db.collection(COLLECTIONS.users).where(where).limit(100).get();
  return found.data.map((u) => String(u._id));
}

/** Who a notice goes to: the named user, else the grid's gridworkers, else the town office. */
async function recipients(db: Database, effect: NotifyEffect): Promise<string[]> {
  if (effect.userId) return [effect.userId];
  if (effect.recipient === 'gridworker') return userIds(db, { role: 'gridworker', gridIds: effect.gridId });
  if (effect.recipient === 'officer') return userIds(db, { role: 'officer' });
  return [];
}

function describe(effect: NotifyEffect, c: CaseRecord): string {
  const base = `${c.applicant.name}的${CASE_KIND_LABELS[effect.kind]}：${CASE_STATE_LABELS[effect.state]}`;
  if (!effect.due) return base;
  const due = effect.due.dueDate ?? beijingDate(effect.due.dueAt);
  return `${base}。${CLOCK_STEP_LABELS[effect.due.step]}期限 ${due}${effect.due.estimated ? '（按工作日估算）' : ''}`;
}

/** The notices effects ask for, with their recipients (looked up all at once). */
export async function messagesFor(db: Database, c: CaseRecord, effects: readonly Effect[]): Promise<MessageInput[]> {
  const perEffect = await Promise.all(
    effects.map(async (effect): Promise<MessageInput[]> => {
      if (effect.type === 'notify') {
        return (await recipients(db, effect)).map((recipientUserId) => ({ recipientUserId, type: effect.message, title: MESSAGE_TITLES[effect.message], body: describe(effect, c), link: `case:${c._id}` }));
      }
      const assignees = effect.assigneeUserId ? [effect.assigneeUserId] : await userIds(db, { role: 'gridworker', gridIds: effect.gridId });
      return assignees.map((recipientUserId) => ({
        recipientUserId,
        type: 'explanationTask',
        title: '请向申请人解释说明',
        body: `${effect.applicantName}的申请未获批准，理由：${effect.reasons.join('；')}。请当面解释并记录沟通情况。`,
        link: `case:${c._id}`,
      }));
    }),
  );
  return perEffect.flat();
}

export async function performEffects(db: Database, c: CaseRecord, effects: readonly Effect[], at: number): Promise<void> {
  await postMessages(db, await messagesFor(db, c, effects), at);
}
