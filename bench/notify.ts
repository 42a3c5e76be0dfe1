// Reminders and 一拉就响 (issue 5): raising an alert over every village of a 100,000-person town (target < 2 s),
// and outbox entries one sweep sends per second against the local outbox (target ≥ 500).
import { join } from 'node:path';
import { db } from '../server/platform/cloud';
import { COLLECTIONS } from '../server/platform/collections';
import { postMessagesWithIds } from '../server/platform/messages';
import { FUNCTION_MAINS } from '../server/functions/registry';
import { entryIdRange } from '../server/functions/alerts/store';
import { sendDue } from '../server/functions/notify/send';
import { subscriptionId } from '../server/platform/subscriptions';
import { openAppDatabase } from '../local/app-database';
import { local } from '../local/wx-server-sdk';
import { openTown, root, round } from './harness';

type Answer = { ok: true; data: { alertId: string; total: number } } | { ok: false; error: { code: string; message: string } };

/** Removes what one raise wrote, so the cached town stays as seeded. */
export async function removeAlert(alertId: string): Promise<void> {
  const d = db();
  const _ = d.command;
  await d.collection(COLLECTIONS.alertEntries).where({ _id: entryIdRange(_, alertId) }).remove();
  await d.collection(COLLECTIONS.alertTallies).where({ _id: entryIdRange(_, alertId) }).remove();
  await d.collection(COLLECTIONS.alerts).where({ _id: alertId }).remove();
  await removeMessages(`alert:${alertId}:`);
}

/** Removes the messages (and their outbox entries) whose ids start with `prefix`. */
export async function removeMessages(prefix: string): Promise<void> {
  const d = db();
  const _ = d.command;
  const ids = _.and(_.gt(prefix), _.lt(`${prefix}\uffff`));
  await d.collection(COLLECTIONS.messages).where({ _id: ids }).remove();
  await d.collection(COLLECTIONS.outbox).where({ _id: ids }).remove();
}

/**
 * `count` messages due at `now` for 200 bench users, each subscribed with credits enough to receive them all, so a
 * sweep sends every one; message ids start with `prefix`.
 */
export async function queueMessages(count: number, now: number, prefix: string): Promise<void> {
  const d = db();
  const users = Array.from({ length: 200 }, (_, i) => `bench-user-${String(i).padStart(3, '0')}`);
  const templateId = 'LOCAL-case-progress';
  for (const userId of users) {
    await d.collection(COLLECTIONS.subscriptions).doc(subscriptionId(userId, templateId)).set({
      data: { userId, openid: `openid-${userId}`, templateId, templateKey: 'caseProgress', credits: count, longTerm: false, lastResult: 'accept', lastResultAt: now, createdAt: now, updatedAt: now, version: 0 },
    });
  }
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    message: { recipientUserId: users[i % users.length]!, type: 'stateChanged', title: '办理进度更新', body: `第${i}件：已受理，调查期限 2026年11月10日`, link: `case:bench-${i}` },
  }));
  for (let i = 0; i < messages.length; i += 500) await postMessagesWithIds(d, messages.slice(i, i + 500), now);
}

/** Seconds for the officer's raise over every village; the median of 3 after a warm-up. */
async function raiseSeconds(persons: number): Promise<{ seconds: number; entries: number }> {
  await openTown(persons);
  const officer = (await db().collection(COLLECTIONS.users).where({ role: 'officer' }).limit(1).get()).data[0]!;
  const villageIds = (await db().collection(COLLECTIONS.villages).orderBy('_id', 'asc').limit(100).get()).data.map((v) => String(v._id));
  const runs: number[] = [];
  let entries = 0;
  for (let run = 0; run < 4; run++) {
    const input = { requestId: `bench-alert-${Date.now()}-${run}`, reason: 'coldWave', villageIds, deadlineHours: 12, instructions: '寒潮降温，请逐户确认取暖和用电安全' };
    const started = performance.now();
    const answer = (await local.runWithContext({ OPENID: String(officer.openid) }, () => FUNCTION_MAINS.alerts({ action: 'raise', input }))) as Answer;
    const seconds = (performance.now() - started) / 1000;
    if (!answer.ok) throw new Error(`raise failed: ${answer.error.code} ${answer.error.message}`);
    entries = answer.data.total;
    if (run > 0) runs.push(seconds);
    await removeAlert(answer.data.alertId);
  }
  runs.sort((a, b) => a - b);
  console.log(`alerts: raise over ${villageIds.length} villages, ${entries} entries: ${runs.map((s) => s.toFixed(2)).join(' / ')} s`);
  return { seconds: runs[1]!, entries };
}

/** Entries per second one sweep takes from queued to sent (claim, format, credit, send, record). */
async function sweepRate(count: number): Promise<number> {
  const dataDir = join(root, 'bench', '.data', 'notify');
  openAppDatabase(dataDir);
  local.reset();
  const d = db();
  const now = Date.now();
  await queueMessages(count, now, 'bench-');
  const started = performance.now();
  const counts = await sendDue(d, now + 1);
  const seconds = (performance.now() - started) / 1000;
  if (counts.sent !== count || local.outbox.list().length !== count) throw new Error(`sweep sent ${counts.sent} of ${count}: ${JSON.stringify(counts)}`);
  local.reset();
  console.log(`notify: one sweep sent ${count} entries in ${seconds.toFixed(2)} s`);
  return count / seconds;
}

export async function notify(): Promise<Record<string, number>> {
  await sweepRate(500); // warm-up
  const perSecond = await sweepRate(3000);
  const raise = await raiseSeconds(100_000);
  return {
    'notify.sweep_per_s': round(perSecond),
    'alerts.raise_s_100k': round(raise.seconds),
    'alerts.raise_entries_100k': raise.entries,
  };
}
