// Verification campaigns (issue 12): the record of a half-year's campaign, its list (one subject per person the
// campaign covers, written in resumable chunks), and the reads the pages and the export share.
import { z } from 'zod';
import { AppFailure } from '../../../src/core/errors';
import { personSchema, type Person } from '../../../src/core/records';
import { halfYearLabel, RECHECK_REASON_LABELS, recheckDue, subjectSchema, VERIFIED_CATEGORIES, type Subject } from '../../../src/core/verification';
import type { Database } from '../../platform/database-port';
import { COLLECTIONS } from '../../platform/collections';
import { continueLater, inParallel, runJob } from '../../platform/jobs';
import { insertOnce } from '../../platform/insert-once';
import { GET_MAX } from '../../platform/paging';
import type { TimerJob } from '../../platform/action';

export const campaignSchema = z.object({
  _id: z.string(),
  half: z.string(),
  label: z.string(),
  /** listing: the list is still being written; open: listed (export, import, re-checks). */
  state: z.enum(['listing', 'open']),
  openedAt: z.number(),
  openedBy: z.string(),
  listed: z.number().int().nonnegative(),
  /** Comparison results: when imported and by which request (a retry of it is the same import). */
  results: z.object({ at: z.number(), requestId: z.string(), rows: z.number(), flagged: z.number() }).optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});
export type Campaign = z.infer<typeof campaignSchema>;


export const campaignIdOf = (half: string) => `campaign-${half}`;
const listingJobId = (campaignId: string) => `${campaignId}:listing`;

export async function readCampaign(db: Database, id: string): Promise<Campaign> {
  const found = await db.collection(COLLECTIONS.campaigns).where({ _id: id }).limit(1).get();
  if (!found.data[0]) throw new AppFailure('RECORD.NOT_FOUND');
  return campaignSchema.parse(found.data[0]);
}

export function newCampaign(half: string, userId: string, now: number): Campaign {
  return { _id: campaignIdOf(half), half, label: halfYearLabel(half), state: 'listing', openedAt: now, openedBy: userId, listed: 0, createdAt: now, updatedAt: now, version: 0 };
}

function subjectOf(campaignId: string, p: Person, now: number): Subject {
  const due = recheckDue(p);
  const s: Subject = {
    _id: `${campaignId}:${p._id}`,
    campaignId,
    personId: p._id,
    householdId: p.householdId,
    gridId: p.gridId,
    villageId: p.villageId,
    name: p.name,
    idNumber: p.idNumber,
    categories: p.categories.filter((c) => VERIFIED_CATEGORIES.includes(c)),
    relation: p.relation,
    supporters: p.supporters ?? [],
    flagged: false,
    task: 'none',
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
  // RULES §9, §16: a re-check due by the campaign folds into it.
  if (due && due.dueAt <= now) s.dueReason = RECHECK_REASON_LABELS[due.reason];
  return s;
}

/** The listing cursor: which covered category is being paged, and the last person id done in it. */
type ListingCursor = { category: number; after: string };

/** Writes the campaign's list in chunks of a page of persons per covered category (a person in two is listed once). */
export async function runListing(db: Database, campaign: Campaign, now: number, budgetMs: number): Promise<boolean> {
  const _ = db.command;
  const result = await runJob<ListingCursor>({
    db,
    id: listingJobId(campaign._id),
    now,
    budgetMs,
    repeat: false,
    async chunk(cursor) {
      const at = cursor ?? { category: 0, after: '' };
      const category = VERIFIED_CATEGORIES[at.category]!;
      const page = await db
        .collection(COLLECTIONS.persons)
        .where({ categories: category, _id: _.gt(at.after) })
        .orderBy('_id', 'asc')
        .limit(GET_MAX)
        .get();
      const persons = page.data.map((raw) => personSchema.parse(raw));
      const added = await inParallel(persons, (p) => insertOnce(db, COLLECTIONS.campaignSubjects, subjectOf(campaign._id, p, now)));
      const last = persons[persons.length - 1];
      const next = persons.length === GET_MAX ? { category: at.category, after: last!._id } : at.category + 1 < VERIFIED_CATEGORIES.length ? { category: at.category + 1, after: '' } : undefined;
      return { next, counts: { listed: added.filter(Boolean).length } };
    },
  });
  if (result.done) {
    await db.collection(COLLECTIONS.campaigns).doc(campaign._id).update({ data: { state: 'open', listed: result.totals.listed ?? 0, updatedAt: now, version: _.inc(1) } });
  }
  return result.done;
}

/** The follow-up of a listing cut off by the budget: continues every campaign still listing. */
export const continueListing: TimerJob = async ({ fn, db, now }) => {
  const open = await db.collection(COLLECTIONS.campaigns).where({ state: 'listing' }).limit(GET_MAX).get();
  let left = 0;
  for (const raw of open.data) {
    if (!(await runListing(db, campaignSchema.parse(raw), now, 40_000))) left += 1;
  }
  if (left > 0) await continueLater(fn, 'continueListing');
  return { campaigns: open.data.length, left };
};

/** Every subject of a campaign matching `where`, paged by id (a campaign lists a town's beneficiaries: thousands). */
export async function* subjectPages(db: Database, campaignId: string, where: Record<string, unknown> = {}): AsyncGenerator<Subject[]> {
  const _ = db.command;
  let after = '';
  for (;;) {
    const page = await db
      .collection(COLLECTIONS.campaignSubjects)
      .where({ campaignId, ...where, _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(GET_MAX)
      .get();
    const subjects = page.data.map((raw) => subjectSchema.parse(raw));
    if (subjects.length) yield subjects;
    if (subjects.length < GET_MAX) return;
    after = subjects[subjects.length - 1]!._id;
  }
}

export async function allSubjects(db: Database, campaignId: string, where: Record<string, unknown> = {}): Promise<Subject[]> {
  const out: Subject[] = [];
  for await (const page of subjectPages(db, campaignId, where)) out.push(...page);
  return out;
}
