// Importing an existing ledger (台账, issue 4): the template to download, then a CSV checked row by row. A file
// with any error writes nothing and names the rows; records are keyed by the ID number, so importing the same file
// again changes nothing (and a run cut short finishes on the next one).
import { z } from 'zod';
import { beijingDate } from '../../../src/core/calendar';
import { AppFailure } from '../../../src/core/errors';
import { gridSchema, type Grid, type Person } from '../../../src/core/records';
import { canSetKeyHousehold } from '../../../src/core/roster/person-capture';
import { DUPLICATE_ELSEWHERE_MESSAGE, duplicatesByScope, findDuplicates } from '../../../src/core/roster/duplicates';
import { csvRecords } from '../../../src/core/roster/csv';
import {
  formatImportError,
  IMPORT_COLUMNS,
  importTemplateCsv,
  validateImportRows,
  type ImportedPerson,
  type ImportRowError,
} from '../../../src/core/roster/ledger-import';
import { inScope, CASEWORK_ROLES } from '../../../src/core/roles';
import { normalizeIdNumber } from '../../../src/core/id-number';
import { defineAction, type ActionContext, type ActionTable } from '../../platform/action';
import { COLLECTIONS } from '../../platform/collections';
import { idFor } from '../../platform/create-once';
import type { Database, Doc } from '../../platform/database-port';
import { insertOnce } from '../../platform/insert-once';
import { loadSettings } from '../../platform/settings';
import { readAllPages, recordsByIds } from '../../platform/store';
import { newHouseholdRecord, newPersonRecord, personSchema, recountHousehold } from '../../roster/persons';

/** About 5 000 ledger rows (the core's row limit) fit; the local runtime takes bodies up to 1 MB. */
const CSV_MAX_CHARS = 1_000_000;
/** Errors returned with a refused file (the first ones name the rows to fix). */
const ERRORS_SHOWN = 200;

/** Stored persons whose `field` is one of `values`, 100 values a query. */
async function personsWhere(db: Database, field: 'idNumber' | 'phone', values: Iterable<string>): Promise<Person[]> {
  const unique = [...new Set(values)].filter(Boolean);
  // ID numbers are unique; a phone may be shared by a family, so fewer phones a query keep a page from filling up.
  const step = field === 'idNumber' ? 100 : 25;
  const out: Person[] = [];
  for (let i = 0; i < unique.length; i += step) {
    const found = await db.collection(COLLECTIONS.persons).where({ [field]: db.command.in(unique.slice(i, i + step)) }).limit(100).get();
    out.push(...found.data.map((raw) => personSchema.parse(raw)));
  }
  return out;
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
async function planImport(ctx: ActionContext, csv: string): Promise<Plan> {
  const { db, caller, now } = ctx;
  const records = csvRecords(csv);
  const grids = await readAllPages(db, COLLECTIONS.grids, gridSchema);
  const gridByCode = new Map(grids.map((g) => [g.code, g]));
  const idColumn = IMPORT_COLUMNS.find((c) => c.key === 'idNumber')!.header;
  const headColumn = IMPORT_COLUMNS.find((c) => c.key === 'headIdNumber')!.header;
  const inFile = new Set(records.map((r) => normalizeIdNumber(r[idColumn] ?? '')));
  const headsOutside = records.map((r) => normalizeIdNumber(r[headColumn] ?? '')).filter((h) => h && !inFile.has(h));
  const knownHeads = new Map((await personsWhere(db, 'idNumber', headsOutside)).filter((p) => p.relation === '户主').map((p) => [p.idNumber, p]));
  const checked = validateImportRows(records, { today: beijingDate(now), gridCodes: gridByCode.keys(), knownHeadIdNumbers: knownHeads.keys() });
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
    // PRODUCT.md: the same name and phone is the same person, whatever the ID number says; named only in the caller's area.
    const twins = duplicatesByScope(findDuplicates(row, samePhone), caller.scope);
    if (twins.visible.length + twins.elsewhere.length > 0) {
      const twin = twins.visible[0];
      fail(row.row, 'phone', twin ? `与已登记的“${twin.name}”姓名和手机号都相同，可能是同一个人` : DUPLICATE_ELSEWHERE_MESSAGE);
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

export const ledgerActions = {
  /** The template (CSV, opens in Excel) and what each column takes. */
  importTemplate: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({}).strict(),
    async run() {
      return { filename: '花名册导入模板.csv', csv: importTemplateCsv(), columns: IMPORT_COLUMNS.map((c) => ({ header: c.header, required: c.required, hint: c.hint })) };
    },
  }),

  /** Checks a ledger (dryRun) or imports it: all rows or none. */
  import: defineAction({
    roles: CASEWORK_ROLES,
    input: z.object({ csv: z.string().max(CSV_MAX_CHARS, '文件过大，请分批导入'), dryRun: z.boolean().default(false) }).strict(),
    async run(ctx, input) {
      const plan = await planImport(ctx, input.csv);
      const summary = { toCreate: plan.create.length, households: plan.households.size, unchanged: plan.unchanged };
      if (plan.errors.length > 0) {
        const shown = plan.errors.slice(0, ERRORS_SHOWN).map((e) => ({ ...e, text: formatImportError(e) }));
        if (input.dryRun) return { ...summary, created: 0, errors: shown };
        throw new AppFailure('IMPORT.INVALID_ROWS', `表格中有${plan.errors.length}处错误，没有导入任何数据。${shown[0]!.text}`, { errors: shown });
      }
      if (input.dryRun) return { ...summary, created: 0, errors: [] };

      const { db, now } = ctx;
      const settings = await loadSettings(db);
      for (const [householdId, { head, grid }] of plan.households) {
        const members = plan.create.filter((c) => c.householdId === householdId);
        const household = newHouseholdRecord(householdId, grid, head, { size: Math.max(1, members.length), keyHousehold: members.some((c) => c.row.keyHousehold) }, now);
        if (await insertOnce(db, COLLECTIONS.households, household)) {
          await ctx.audit({ collection: COLLECTIONS.households, recordId: householdId, kind: 'create', to: { gridId: grid._id, headName: head.name }, why: '台账导入' });
        }
      }
      const touched = new Set<string>();
      let created = 0;
      // Each person takes their household's key flag: the households read 100 a query, not one per row.
      const keyHousehold = await recordsByIds(db, COLLECTIONS.households, plan.create.map((c) => c.householdId), (raw) => (raw as Doc).keyHousehold === true);
      for (const { row, householdId, grid } of plan.create) {
        const person = newPersonRecord(idFor('import-person', row.idNumber), row, { _id: householdId, gridId: grid._id, villageId: grid.villageId, keyHousehold: keyHousehold.get(householdId) === true }, settings, now);
        if (await insertOnce(db, COLLECTIONS.persons, person)) {
          created++;
          touched.add(householdId);
          await ctx.audit({ collection: COLLECTIONS.persons, recordId: person._id, kind: 'create', to: { householdId, gridId: grid._id }, why: '台账导入' });
        }
      }
      for (const householdId of touched) await recountHousehold(db, householdId);
      return { ...summary, created, errors: [] };
    },
  }),
} satisfies ActionTable;
