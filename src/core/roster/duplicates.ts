// Duplicate persons at capture (PRODUCT.md "Household"): the same ID number, or the same name and phone.
import { normalizePhone } from '../contact';
import { err, type Err } from '../errors';
import { normalizeIdNumber } from '../id-number';
import { nameKey } from './person-capture';

export interface RosterIdentity {
  _id: string;
  name: string;
  idNumber: string;
  phone: string;
  householdId?: string;
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
  const name = nameKey(candidate.name);
  const phone = normalizePhone(candidate.phone);
  const out: DuplicateMatch[] = [];
  for (const p of existing) {
    if (candidate._id !== undefined && p._id === candidate._id) continue;
    let reason: DuplicateReason | null = null;
    if (id !== '' && normalizeIdNumber(p.idNumber) === id) reason = 'idNumber';
    else if (phone !== '' && normalizePhone(p.phone) === phone && nameKey(p.name) === name) reason = 'namePhone';
    if (!reason) continue;
    const match: DuplicateMatch = { personId: p._id, name: p.name, reason };
    if (p.householdId !== undefined) match.householdId = p.householdId;
    out.push(match);
  }
  return out;
}

/** `PERSON.DUPLICATE` naming the first match, with every match in `details.matches` (for links). */
export function duplicateError(matches: readonly DuplicateMatch[]): Err {
  const first = matches[0];
  const message = first ? `这个人已经登记过了（与“${first.name}”${DUPLICATE_REASON_LABELS[first.reason]}）` : undefined;
  return err('PERSON.DUPLICATE', message, { matches });
}
