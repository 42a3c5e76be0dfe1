// Duplicate persons at capture (docs/product.md "The records"): the same ID number, or the same name and phone.
import { normalizePhone } from '../contact';
import { err, type Err } from '../errors';
import { normalizeIdNumber } from '../id-number';
import { inScope, type Scope } from '../roles';
import { nameKey } from './person-capture';

export interface RosterIdentity {
  _id: string;
  name: string;
  idNumber: string;
  phone: string;
  householdId?: string;
  gridId?: string;
  villageId?: string;
}

export type DuplicateReason = 'idNumber' | 'namePhone';
export const DUPLICATE_REASON_LABELS: Readonly<Record<DuplicateReason, string>> = {
  idNumber: '身份证号相同',
  namePhone: '姓名和手机号都相同',
};

export interface DuplicateMatch {
  /** The existing record, to link to. */
  personId: string;
  householdId?: string;
  name: string;
  reason: DuplicateReason;
  gridId?: string;
  villageId?: string;
}

/** docs/product.md: the same name and the same phone are the same person. The key of that, or null without a phone. */
export function namePhoneKey(p: { name: string; phone: string }): string | null {
  const phone = normalizePhone(p.phone);
  return phone === '' ? null : `${nameKey(p.name)}|${phone}`;
}

/**
 * Existing records the candidate duplicates: same ID number (after normalising), or same name and same non-empty
 * phone. A record matching both is reported once, as an ID-number match. The candidate's own record (same `_id`,
 * when editing) is not a duplicate.
 */
export function findDuplicates(
  candidate: { _id?: string; name: string; idNumber: string; phone: string },
  existing: Iterable<RosterIdentity>,
): DuplicateMatch[] {
  const id = normalizeIdNumber(candidate.idNumber);
  const namePhone = namePhoneKey(candidate);
  const out: DuplicateMatch[] = [];
  for (const p of existing) {
    if (candidate._id !== undefined && p._id === candidate._id) continue;
    let reason: DuplicateReason | null = null;
    if (id !== '' && normalizeIdNumber(p.idNumber) === id) reason = 'idNumber';
    else if (namePhone !== null && namePhoneKey(p) === namePhone) reason = 'namePhone';
    if (!reason) continue;
    const match: DuplicateMatch = { personId: p._id, name: p.name, reason };
    if (p.householdId !== undefined) match.householdId = p.householdId;
    if (p.gridId !== undefined && p.villageId !== undefined) Object.assign(match, { gridId: p.gridId, villageId: p.villageId });
    out.push(match);
  }
  return out;
}

/** Out of the caller's area a duplicate says only that the person is registered and whom to ask (RULES §29). */
export const DUPLICATE_ELSEWHERE_MESSAGE = '这个人已经在本镇登记过了，不在您负责的范围内。如需核实或迁入，请联系镇民政办。';

/** Matches in the caller's area (named to them) and elsewhere in the town (only said to exist). */
export function duplicatesByScope(matches: readonly DuplicateMatch[], scope: Scope): { visible: DuplicateMatch[]; elsewhere: DuplicateMatch[] } {
  const visible: DuplicateMatch[] = [];
  const elsewhere: DuplicateMatch[] = [];
  for (const m of matches) {
    const seen = m.gridId !== undefined && m.villageId !== undefined && inScope(scope, { gridId: m.gridId, villageId: m.villageId });
    (seen ? visible : elsewhere).push(m);
  }
  return { visible, elsewhere };
}

/**
 * `PERSON.DUPLICATE` naming the first match the caller may see, with each such match in `details.matches` (for
 * links); when every match lies outside their area it only says the person is registered (minimum necessary, RULES §29).
 */
export function duplicateError(visible: readonly DuplicateMatch[]): Err {
  const first = visible[0];
  if (!first) return err('PERSON.DUPLICATE', DUPLICATE_ELSEWHERE_MESSAGE);
  const message = `这个人已经登记过了（与“${first.name}”${DUPLICATE_REASON_LABELS[first.reason]}）`;
  return err('PERSON.DUPLICATE', message, { matches: visible.map(({ personId, householdId, name, reason }) => ({ personId, householdId, name, reason })) });
}
