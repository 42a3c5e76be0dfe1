// Performs what a case transition asks for: notices to the people it names (in-app message centre), and the
// explanation task after a denial. The core decides what; this decides who, by the case's grid.
import { CASE_KIND_LABELS, CASE_STATE_LABELS, CLOCK_STEP_LABELS, type CaseRecord, type Effect, type NotifyEffect } from '../../../src/core/cases';
import { beijingDate } from '../../../src/core/calendar';
import { COLLECTIONS } from '../../platform/collections';
import type { Database } from '../../platform/database-port';
import { postMessageOnce, postMessages, type MessageInput } from '../../platform/messages';

const MESSAGE_TITLES: Record<NotifyEffect['message'], string> = {
  stateChanged: '办理进度更新',
  missingMaterials: '请补齐申请材料',
  decision: '审批结果',
  confirmProxy: '请确认代办申请',
  urgentReport: '紧急求助线索',
  clockDueSoon: '办理时限将到',
  clockBreached: '已超过办理时限',
};

/** Staff looked up once per sweep rather than once per case (key: the query). */
export type StaffMemo = Map<string, Promise<string[]>>;

function userIds(db: Database, where: Record<string, string>, memo?: StaffMemo): Promise<string[]> {
  const key = JSON.stringify(where);
  const cached = memo?.get(key);
  if (cached) return cached;
  const found = db
    .collection(COLLECTIONS.users)
    .where(where)
    .limit(100)
    .get()
    .then((page) => page.data.map((u) => String(u._id)));
  memo?.set(key, found);
  return found;
}

/** Who a notice goes to: the named user, else the grid's gridworkers, else the town office. */
async function recipients(db: Database, effect: NotifyEffect, memo?: StaffMemo): Promise<string[]> {
  if (effect.userId) return [effect.userId];
  if (effect.recipient === 'gridworker') return userIds(db, { role: 'gridworker', gridIds: effect.gridId }, memo);
  if (effect.recipient === 'officer') return userIds(db, { role: 'officer' }, memo);
  return [];
}

function describe(effect: NotifyEffect, c: CaseRecord): string {
  const base = `${c.applicant.name}的${CASE_KIND_LABELS[effect.kind]}：${CASE_STATE_LABELS[effect.state]}`;
  if (!effect.due) return base;
  const due = effect.due.dueDate ?? beijingDate(effect.due.dueAt);
  return `${base}。${CLOCK_STEP_LABELS[effect.due.step]}期限 ${due}${effect.due.estimated ? '（按工作日估算）' : ''}`;
}

export interface EffectOptions {
  /**
   * Makes each notice a record with an id derived from this key, the clock it is about and its recipient (a job's
   * effects, done again after a cut-off or after losing a race, post nothing twice); without it, notices are new records.
   */
  onceKey?: string;
  memo?: StaffMemo;
}

export async function performEffects(db: Database, c: CaseRecord, effects: readonly Effect[], at: number, options: EffectOptions = {}): Promise<void> {
  const messages: MessageInput[] = [];
  const ids: string[] = [];
  for (const [index, effect] of effects.entries()) {
    const about = effect.type === 'notify' && effect.due ? `${effect.due.step}@${effect.due.dueAt}` : String(index);
    const idOf = (recipientUserId: string, type: string) => ids.push(`${options.onceKey}:${about}:${type}:${recipientUserId}`);
    if (effect.type === 'notify') {
      for (const recipientUserId of await recipients(db, effect, options.memo)) {
        idOf(recipientUserId, effect.message);
        messages.push({ recipientUserId, type: effect.message, title: MESSAGE_TITLES[effect.message], body: describe(effect, c), link: `case:${c._id}` });
      }
    } else {
      const assignees = effect.assigneeUserId ? [effect.assigneeUserId] : await userIds(db, { role: 'gridworker', gridIds: effect.gridId }, options.memo);
      for (const recipientUserId of assignees) {
        idOf(recipientUserId, 'explanationTask');
        messages.push({
          recipientUserId,
          type: 'explanationTask',
          title: '请向申请人解释说明',
          body: `${effect.applicantName}的申请未获批准，理由：${effect.reasons.join('；')}。请当面解释并记录沟通情况。`,
          link: `case:${c._id}`,
        });
      }
    }
  }
  if (options.onceKey === undefined) await postMessages(db, messages, at);
  else await Promise.all(messages.map((message, i) => postMessageOnce(db, ids[i]!, message, at)));
}
