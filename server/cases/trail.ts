// A case's audit trail for the town office, in two parts kept apart (RULES §29): its history — who created it and
// took each step — and who viewed it. Views are many (every opening of the page), so they never push the history out.
import { auditSchema, userSchema } from '../../src/core/records';
import { COLLECTIONS } from '../platform/collections';
import type { Database } from '../platform/database-port';
import { rangePage } from '../platform/paging';
import { recordsByIds } from '../platform/store';

export const TRAIL_PARTS = ['history', 'views'] as const;
export type TrailPart = (typeof TRAIL_PARTS)[number];
const HISTORY_KINDS = ['create', 'update', 'transition', 'delete'];
export const TRAIL_PAGE = 20;

export async function caseTrail(db: Database, caseId: string, part: TrailPart, before?: string) {
  const kind = part === 'views' ? 'view' : db.command.in(HISTORY_KINDS);
  const page = await rangePage(db, COLLECTIONS.audit, { where: { collection: COLLECTIONS.cases, recordId: caseId, kind }, field: 'at', order: 'desc', limit: TRAIL_PAGE, after: before });
  const entries = page.docs.map((raw) => auditSchema.parse(raw));
  const names = await recordsByIds(db, COLLECTIONS.users, entries.map((e) => e.actorId), (raw) => userSchema.pick({ name: true }).parse(raw).name);
  return { items: entries.map((e) => ({ ...e, actorName: names.get(e.actorId) ?? null })), next: page.next };
}
