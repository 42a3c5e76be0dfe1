// Capturing a person into the roster (底数清): field rules shared by the capture form, the handler and the ledger
// import. ID numbers are validated with their checksum (as of a Beijing `today`), phones normalised.
import { z } from 'zod';
import { CATEGORIES, categorySchema, riskTierSchema } from '../categories';
import { normalizePhone, parsePhone } from '../contact';
import { err, ok, type Result } from '../errors';
import { parseIdNumber, type ParsedIdNumber } from '../id-number';
import { recordIdSchema, requestIdSchema } from '../ids';
import { disabilityGradeSchema } from '../records';
import type { Role } from '../roles';

export const PERSON_NAME_MAX = 30;
export const RELATION_MAX = 10;
export const ADDRESS_MAX = 100;
// Issue 4: roster notes up to 500 characters.
export const ROSTER_NOTES_MAX = 500;
/** The relation of a household's head. */
export const HEAD_RELATION = '户主';

// Plain character classes, no lookbehind or \p{…}: the core also runs in older mini-program JS engines.
const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff';
/** Chinese characters incl. rare ones outside the BMP (生僻字, extensions B–F as surrogate pairs), Latin letters, the middle dot. */
const NAME_PATTERN = new RegExp(`^(?:[${HAN}A-Za-z·•. ]|[\\ud840-\\ud87f][\\udc00-\\udfff])+$`);
const SPACE_BY_HAN = new RegExp(` (?=[${HAN}\\ud840-\\ud87f])|([${HAN}\\udc00-\\udfff]) `, 'g');

/** Trims, collapses inner whitespace, and drops spaces next to Chinese characters ('王  秀英' → '王秀英'). */
export function normalizeName(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(SPACE_BY_HAN, '$1');
}

/** The form in which two names are the same person's: no whitespace at all, case folded. */
export function nameKey(s: string): string {
  return s.replace(/\s+/g, '').toLowerCase();
}

export const personNameSchema = z
  .string()
  .max(100)
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .min(1, '请填写姓名')
      .max(PERSON_NAME_MAX, `姓名不能超过${PERSON_NAME_MAX}个字`)
      .regex(NAME_PATTERN, '姓名只能包含文字和间隔号“·”'),
  );

/** An 18-digit ID number, checksum and birth date checked as of `today` ('YYYY-MM-DD', Beijing); yields the parsed number. */
export function idNumberSchema(today: string) {
  return z.string().max(40).transform((s, ctx): ParsedIdNumber => {
    const r = parseIdNumber(s, today);
    if (!r.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.error.message });
      return z.NEVER;
    }
    return r.data;
  });
}

/** A mobile number or empty (children and some elderly have none); yields the bare 11 digits or ''. */
export const optionalPhoneSchema = z.string().max(32).transform((s, ctx) => {
  if (normalizePhone(s) === '') return '';
  const r = parsePhone(s);
  if (!r.ok) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.error.message });
    return z.NEVER;
  }
  return r.data;
});

export const categoriesSchema = z.array(categorySchema).max(CATEGORIES.length * 2).transform((cs) => [...new Set(cs)]);

/**
 * The capture form / `people.create` input. A person joins an existing household (`householdId`) or starts a new
 * one in `gridId` at `address` as its head. Birth date and gender come from the ID number.
 */
export function personCaptureSchema(today: string) {
  return z
    .object({
      requestId: requestIdSchema,
      name: personNameSchema,
      idNumber: idNumberSchema(today),
      phone: optionalPhoneSchema.default(''),
      relation: z.string().trim().min(1, '请填写与户主关系').max(RELATION_MAX).default(HEAD_RELATION),
      categories: categoriesSchema,
      riskTier: riskTierSchema,
      keyHousehold: z.boolean().default(false),
      floating: z.boolean().default(false),
      disabilityGrade: disabilityGradeSchema.optional(),
      householdId: recordIdSchema.optional(),
      gridId: recordIdSchema,
      address: z.string().trim().max(ADDRESS_MAX, `地址不能超过${ADDRESS_MAX}字`).default(''),
      notes: z.string().trim().max(ROSTER_NOTES_MAX, `备注不能超过${ROSTER_NOTES_MAX}字`).default(''),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (!v.householdId && !v.address) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['address'], message: '新建家庭请填写地址' });
    })
    .transform(({ idNumber, ...rest }) => ({
      ...rest,
      idNumber: idNumber.idNumber,
      birthDate: idNumber.birthDate,
      gender: idNumber.gender,
    }));
}
export type PersonCapture = z.output<ReturnType<typeof personCaptureSchema>>;

/** How the roster's flags read: on a person, and on their household. */
export const PERSON_FLAG_LABELS = { keyHousehold: '重点户', floating: '流动人口' } as const;
export const HOUSEHOLD_FLAG_LABELS = { keyHousehold: '重点户', floating: '流动人口户' } as const;

/** Only the town office sets the key-household flag (重点户, issue 4). */
export function canSetKeyHousehold(role: Role): boolean {
  return role === 'officer';
}

/** Refuses a capture that sets a flag the role may not set. */
export function checkCaptureFlags(input: Pick<PersonCapture, 'keyHousehold'>, role: Role): Result<true> {
  if (input.keyHousehold && !canSetKeyHousehold(role)) return err('ROLE.FORBIDDEN', '只有镇民政办可以设定重点户');
  return ok(true);
}
