// Importing an existing ledger (台账, issue 4): the template to download, then a CSV checked row by row. A file
// with any error writes nothing and names the rows. A good file is planned whole (every record it will add, built
// and stored in parts of about 100 persons), then written part by part as a resumable job (platform/jobs.ts) that
// the importer watches: records are keyed by the ID number, so a part written again after a cut-off adds nothing,
// and importing the same file again changes nothing.
import { z } from 'zod';
import { fileIdSchema } from '../../../src/core/ids';
import { writeXlsx } from '../../platform/xlsx-export';
import { keyedRows, readSpreadsheet, readSpreadsheetUpload, type SheetTable } from '../../platform/spreadsheet-read';
import { beijingDate } from '../../../src/core/calendar';
import { AppFailure } from '../../../src/core/errors';
import { gridSchema, type Grid, type Person } from '../../../src/core/records';
import { canSetKeyHousehold } from '../../../src/core/roster/person-capture';
import { DUPLICATE_ELSEWHERE_MESSAGE, DUPLICATE_REASON_LABELS, duplicatesByScope, findDuplicates } from '../../../src/core/roster/duplicates';
import {
  formatImportError,
  IMPORT_COLUMNS,
  IMPORT_ROWS_MAX,
  validateImportRows,
  type ImportedPerson,
  type ImportRowError,
} from '../../../src/core/roster/ledger-import';
import { inScope, CASEWORK_ROLES, ROLES } from '../../../src/core/roles';
import { normalizeIdNumber } from '../../../src/core/id-number';
import { defineAction, type ActionContext, type ActionTable, type TimerJob } from '../../platform/action';
import { appendAudit, type AuditInput } from '../../platform/audit';
import { COLLECTIONS } from '../../platform/collections';
import { idFor } from '../../platform/create-once';
import type { Database, Doc } from '../../platform/database-port';
import { insertOnce } from '../../platform/insert-once';
import { continueLater, FUNCTION_TIMEOUT_S, inParallel, INTERACTIVE_BUDGET_MS, jobBudgetMs, jobRecordSchema, runJob } from '../../platform/jobs';
import { GET_MAX } from '../../platform/paging';
import { loadSettings } from '../../platform/settings';
import { readAllPages, recordsByIds } from '../../platform/store';
import { householdSchema, newHouseholdRecord, newPersonRecord, personSchema, recountHousehold } from '../../roster/persons';

/** About 5 000 ledger rows (the core's row limit) fit; the local runtime takes bodies up to 1 MB. */
/** A CSV sent in the call itself: a call carries at most 100 KB (larger ledgers go as a file). */
const CSV_MAX_CHARS = 30_000;
/** Errors returned with a refused file (the first ones name the rows to fix). */
const ERRORS_SHOWN = 200;

/** Stored persons whose `field` is one of `values`, 100 values a query, the queries in parallel. */
async function personsWhere(db: Database, field: 'idNumber' | 'phone', values: Iterable<string>): Promise<Person[]> {
  const unique = [...new Set(values)].filter(Boolean);
  // ID numbers are unique; a phone may be shared by a family, so fewer phones a query keep a page from filling up.
  const step = field === 'idNumber' ? 100 : 25;
  const slices: string[][] = [];
  for (let i = 0; i < unique.length; i += step) slices.push(unique.slice(i, i + step));
  const pages = await inParallel(slices, (slice) => db.collection(COLLECTIONS.persons).where({ [field]: db.command.in(slice) }).limit(100).get());
  return pages.flatMap((page) => page.data.map((raw) => personSchema.parse(raw)));
}

interface Plan {
  errors: ImportRowError[];
  /** Rows to add, with the household each joins. */
  create: Array<{ row: ImportedPerson; householdId: string; grid: Grid }>;
  /** New households (their head is in the file). */
  households: Map<string, { head: ImportedPerson; grid: Grid }>;
  /** Rows whose ID number is already on the roster. */
  unchanged: number;
}

/** Everything an import would do, or the rows that stop it. Reads only. */
async function planImport(ctx: ActionContext, sheet: SheetTable): Promise<Plan> {
  const { db, caller, now } = ctx;
  const { records, rowNumbers } = keyedRows(sheet);
  const grids = await readAllPages(db, COLLECTIONS.grids, gridSchema);
  const gridByCode = new Map(grids.map((g) => [g.code, g]));
  const idColumn = IMPORT_COLUMNS.find((c) => c.key === 'idNumber')!.header;
  const headColumn = IMPORT_COLUMNS.find((c) => c.key === 'headIdNumber')!.header;
  const inFile = new Set(records.map((r) => normalizeIdNumber(r[idColumn] ?? '')));
  const headsOutside = records.map((r) => normalizeIdNumber(r[headColumn] ?? '')).filter((h) => h && !inFile.has(h));
  const knownHeads = new Map((await personsWhere(db, 'idNumber', headsOutside)).filter((p) => p.relation === '户主').map((p) => [p.idNumber, p]));
  const checked = validateImportRows(records, { today: beijingDate(now), gridCodes: gridByCode.keys(), knownHeadIdNumbers: knownHeads.keys(), rowNumbers });
  const errors = [...checked.errors];
  const fail = (row: number, field: ImportRowError['field'], message: string) =>
    errors.push({ row, field, column: field === '*' ? '' : IMPORT_COLUMNS.find((c) => c.key === field)!.header, message });

  const existing = new Map((await personsWhere(db, 'idNumber', checked.rows.map((r) => r.idNumber))).map((p) => [p.idNumber, p]));
  const samePhone = await personsWhere(db, 'phone', checked.rows.map((r) => r.phone));
  const plan: Plan = { errors, create: [], households: new Map(), unchanged: 0 };
  for (const row of checked.rows) {
    const grid = gridByCode.get(row.gridCode)!;
    if (!inScope(caller.scope, { gridId: grid._id, villageId: grid.villageId })) {
      fail(row.row, 'gridCode', `网格“${row.gridCode}”不在你负责的范围内`);
      continue;
    }
    if (existing.has(row.idNumber)) {
      plan.unchanged++;
      continue;
    }
    // docs/product.md: the same name and phone is the same person, whatever the ID number says; named only in the caller's area.
    const twins = duplicatesByScope(findDuplicates(row, samePhone), caller.scope);
    if (twins.visible.length + twins.elsewhere.length > 0) {
      const twin = twins.visible[0];
      fail(row.row, 'phone', twin ? `与已登记的“${twin.name}”${DUPLICATE_REASON_LABELS[twin.reason]}，可能是同一个人` : DUPLICATE_ELSEWHERE_MESSAGE);
      continue;
    }
    if (row.keyHousehold && !canSetKeyHousehold(caller.user.role)) {
      fail(row.row, 'keyHousehold', '只有镇民政办可以设定重点户，请留空');
      continue;
    }
    let householdId: string;
    if (row.isHead) {
      householdId = idFor('import-household', row.idNumber);
      plan.households.set(householdId, { head: row, grid });
    } else {
      const known = knownHeads.get(row.householdKey);
      const headRow = checked.rows.find((r) => r.idNumber === row.householdKey);
      if (known) {
        if (known.gridId !== grid._id) {
          fail(row.row, 'gridCode', inScope(caller.scope, known) ? `户主${known.name}在花名册中属于另一个网格` : '户主在花名册中属于另一个网格');
          continue;
        }
        householdId = known.householdId;
      } else {
        householdId = existing.get(row.householdKey)?.householdId ?? idFor('import-household', headRow!.idNumber);
      }
    }
    plan.create.push({ row, householdId, grid });
  }
  errors.sort((a, b) => a.row - b.row);
  return plan;
}

/**
 * Where the ledger comes from: a file the importer uploaded (.xlsx or CSV — the page's way: a whole ledger is far
 * larger than a call may carry), or a short CSV in the call itself (a few rows pasted). One more row than the core
 * takes is read, so the core names the limit.
 */
function ledgerSheet(ctx: ActionContext, input: { csv?: string; fileId?: string }): Promise<SheetTable> {
  if (input.fileId !== undefined) return readSpreadsheetUpload(ctx, input.fileId, 'ledger', { maxRows: IMPORT_ROWS_MAX + 1 });
  return readSpreadsheet(Buffer.from(input.csv ?? '', 'utf8'), { maxBytes: CSV_MAX_CHARS * 4, maxRows: IMPORT_ROWS_MAX + 1 });
}

/** Persons a part holds, at most: a page of writes in parallel. A household is never split between parts. */
const PART_PERSONS = 100;

const importPartSchema = z.object({
  _id: z.string(),
  households: z.array(householdSchema),
  persons: z.array(personSchema),
});
type ImportPart = z.infer<typeof importPartSchema>;

const importJobSchema = jobRecordSchema.extend({
  kind: z.literal('ledgerImport'),
  /** Who started it: the import's writes are audited as theirs, and only they (or the town office) watch it. */
  actor: z.object({ _id: z.string(), role: z.enum(ROLES) }),
  summary: z.object({ toCreate: z.number(), households: z.number(), unchanged: z.number() }),
  parts: z.number().int().nonnegative(),
});
type ImportJob = z.infer<typeof importJobSchema>;

/** An import nobody has worked on for this long (its follow-up was lost) is given a new follow-up. */
const STALE_MS = (FUNCTION_TIMEOUT_S.people! + 10) * 1000;

/** Every record the plan adds, built now, in parts: households whole, each part at most PART_PERSONS persons. */
async function partsOf(ctx: ActionContext, plan: Plan, jobId: string): Promise<ImportPart[]> {
  const { db, now } = ctx;
  const settings = await loadSettings(db);
  const byHousehold = new Map<string, Plan['create']>();
  for (const c of plan.create) byHousehold.set(c.householdId, [...(byHousehold.get(c.householdId) ?? []), c]);
  // Each person takes their household's key flag: households already stored are read 100 a query.
  const storedKey = await recordsByIds(db, COLLECTIONS.households, [...byHousehold.keys()].filter((id) => !plan.households.has(id)), (raw) => (raw as Doc).keyHousehold === true);
  const parts: ImportPart[] = [];
  let part: ImportPart | undefined;
  for (const [householdId, members] of byHousehold) {
    if (!part || part.persons.length + members.length > PART_PERSONS) parts.push((part = { _id: `${jobId}:${parts.length}`, households: [], persons: [] }));
    const planned = plan.households.get(householdId);
    const keyHousehold = planned ? members.some((c) => c.row.keyHousehold) : storedKey.get(householdId) === true;
    if (planned) part.households.push(newHouseholdRecord(householdId, planned.grid, planned.head, { size: Math.max(1, members.length), keyHousehold }, now));
    for (const { row, grid } of members) {
      part.persons.push(newPersonRecord(idFor('import-person', row.idNumber), row, { _id: householdId, gridId: grid._id, villageId: grid.villageId, keyHousehold }, settings, now));
    }
  }
  return parts;
}

/** Writes one part: its households and persons once each, audited once each as the importer's, sizes recounted. */
async function writePart(db: Database, job: ImportJob, index: number, now: number): Promise<Record<string, number>> {
  const part = importPartSchema.parse((await db.collection(COLLECTIONS.jobParts).doc(`${job._id}:${index}`).get()).data);
  await inParallel([...part.households.map((h) => ({ collection: COLLECTIONS.households, record: h })), ...part.persons.map((p) => ({ collection: COLLECTIONS.persons, record: p }))], (w) =>
    insertOnce(db, w.collection, w.record),
  );
  const actor = { user: job.actor };
  const origin = { fn: 'people', action: 'import', at: now };
  // Keyed by the job and the record: a part written again is audited once.
  await appendAudit(db, actor, origin, [
    ...part.households.map((h) => ({ key: `${job._id}:${h._id}`, collection: COLLECTIONS.households, recordId: h._id, kind: 'create' as const, to: { gridId: h.gridId, headName: h.headName }, why: '台账导入' })),
    ...part.persons.map((p) => ({ key: `${job._id}:${p._id}`, collection: COLLECTIONS.persons, recordId: p._id, kind: 'create' as const, to: { householdId: p.householdId, gridId: p.gridId }, why: '台账导入' })),
  ]);
  // Households already on the roster gained members; new ones are recounted too (a member may have been there).
  await inParallel([...new Set(part.persons.map((p) => p.householdId))], (householdId) => recountHousehold(db, householdId));
  return { created: part.persons.length, households: part.households.length };
}

/** Continues an import's writes within `budgetMs`. */
async function runImport(db: Database, job: ImportJob, now: number, budgetMs: number): Promise<ImportJob> {
  const result = await runJob<number>({
    db,
    id: job._id,
    now,
    budgetMs,
    repeat: false,
    async chunk(cursor) {
      const index = cursor ?? 0;
      const counts = await writePart(db, job, index, now);
      return { next: index + 1 < job.parts ? index + 1 : undefined, counts };
    },
  });
  return { ...job, done: result.done, counts: result.totals };
}

async function readImport(db: Database, jobId: string): Promise<ImportJob | undefined> {
  const found = await db.collection(COLLECTIONS.jobs).where({ _id: jobId, kind: 'ledgerImport' }).limit(1).get();
  return found.data[0] ? importJobSchema.parse(found.data[0]) : undefined;
}

function progressOf(job: ImportJob) {
  return {
    ...job.summary,
    jobId: job._id,
    state: job.done ? ('done' as const) : ('writing' as const),
    created: job.counts.created ?? 0,
    progress: { done: job.counts.created ?? 0, total: job.summary.toCreate },
    errors: [] as Array<ImportRowError & { text: string }>,
  };
}

function importAuditOf(jobId: string, summary: ImportJob['summary']): AuditInput {
  return { key: `${jobId}:create`, collection: COLLECTIONS.jobs, recordId: jobId, kind: 'create', to: summary, why: '台账导入' };
}

/** The timer-less job of the people function: a follow-up continues every unfinished import within one budget. */
export const continueImports: TimerJob = async ({ fn, db, now }) => {
  const deadline = Date.now() + jobBudgetMs(fn);
  const open = await db.collection(COLLECTIONS.jobs).where({ kind: 'ledgerImport', done: false }).limit(GET_MAX).get();
  let left = 0;
  for (const raw of open.data) {
    const budget = deadline - Date.now();
    const job = budget > 0 ? await runImport(db, importJobSchema.parse(raw), now, budget) : undefined;
    if (!job?.done) left += 1;
  }
  if (left > 0) await continueLater(fn, 'continueImports');
  return { imports: open.data.length, left };
};

export const ledgerActions = {
  /** What each column takes; with `file`, the template (.xlsx with an example row) as a short-lived link. */
  importTemplate: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ file: z.boolean().default(false) }).strict(),
    async run(ctx, input) {
      const columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, required: c.required, hint: c.hint }));
      if (!input.file) return { columns, file: null };
      async function* example() {
        yield [Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.example]))];
      }
      const sheet = { name: '花名册', columns: IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'idNumber' ? 22 : 14 })), rows: example() };
      const file = await writeXlsx(ctx, { fileName: '花名册导入模板.xlsx', sheets: [sheet] });
      return { columns, file: { fileName: '花名册导入模板.xlsx', url: file.url } };
    },
  }),

  /**
   * Checks a ledger (dryRun) or imports it: all rows or none. The writes start at once; a large file continues in
   * the background and the importer watches it with importProgress. A retry with the same requestId is the same import.
   */
  import: defineAction({
    roles: CASEWORK_ROLES,
    input: z
      .object({
        csv: z.string().max(CSV_MAX_CHARS, '内容过多，请选择文件导入').optional(),
        /** The uploaded ledger (session.prepareUpload, purpose 'ledger'). */
        fileId: fileIdSchema.optional(),
        dryRun: z.boolean().default(false),
        /** An import writes records: its request id makes a retry the same import. */
        requestId: z.string().min(8).max(64).optional(),
      })
      .strict()
      .refine((input) => (input.csv === undefined) !== (input.fileId === undefined), { message: '请选择要导入的文件', path: ['fileId'] })
      .refine((input) => input.dryRun || input.requestId !== undefined, { message: '缺少请求编号', path: ['requestId'] }),
    async run(ctx, input) {
      const { db, caller, now } = ctx;
      const jobId = `import:${idFor(caller.user._id, input.requestId ?? '')}`;
      const started = input.dryRun ? undefined : await readImport(db, jobId);
      if (started) {
        if (started.done) return progressOf(started);
        // A start cut off before its audit entry writes it on the retry (keyed: once), beside the writing.
        const [after] = await Promise.all([runImport(db, started, now, INTERACTIVE_BUDGET_MS), ctx.audit(importAuditOf(jobId, started.summary))]);
        return progressOf(after);
      }

      const plan = await planImport(ctx, await ledgerSheet(ctx, input));
      const summary = { toCreate: plan.create.length, households: plan.households.size, unchanged: plan.unchanged };
      const idle = { ...summary, jobId: null, state: 'done' as const, created: 0, progress: { done: 0, total: summary.toCreate } };
      if (plan.errors.length > 0) {
        const shown = plan.errors.slice(0, ERRORS_SHOWN).map((e) => ({ ...e, text: formatImportError(e) }));
        if (input.dryRun) return { ...idle, errors: shown };
        throw new AppFailure('IMPORT.INVALID_ROWS', `表格中有${plan.errors.length}处错误，没有导入任何数据。${shown[0]!.text}`, { errors: shown });
      }
      if (input.dryRun || plan.create.length === 0) return { ...idle, errors: [] };

      // The plan's parts first, the job last: a start cut off before the job exists is simply started again.
      const parts = await partsOf(ctx, plan, jobId);
      await inParallel(parts, ({ _id, ...part }) => db.collection(COLLECTIONS.jobParts).doc(_id).set({ data: part }));
      const job: ImportJob = {
        _id: jobId,
        kind: 'ledgerImport',
        actor: { _id: caller.user._id, role: caller.user.role },
        summary,
        parts: parts.length,
        cursor: null,
        done: false,
        startedAt: now,
        updatedAt: now,
        counts: {},
        invocations: 0,
      };
      const { _id, ...fields } = job;
      await db.collection(COLLECTIONS.jobs).doc(_id).set({ data: fields });
      await ctx.audit(importAuditOf(jobId, summary));
      const after = await runImport(db, job, now, INTERACTIVE_BUDGET_MS);
      if (!after.done) await continueLater(ctx.fn, 'continueImports');
      return progressOf(after);
    },
  }),

  /** How far an import has come (the import page polls it); an import whose follow-up was lost gets a new one. */
  importProgress: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ jobId: z.string().min(1).max(80) }).strict(),
    async run(ctx, input) {
      const job = await readImport(ctx.db, input.jobId);
      if (!job || (job.actor._id !== ctx.caller.user._id && ctx.caller.user.role !== 'officer')) throw new AppFailure('RECORD.NOT_FOUND');
      if (!job.done && ctx.now - job.updatedAt > STALE_MS) await continueLater(ctx.fn, 'continueImports');
      return progressOf(job);
    },
  }),
} satisfies ActionTable;
