// Masking of sensitive fields by viewer role; the caller audits every view that revealed a full value.
import { ageOn, isMinorOn } from './calendar';
import type { Person } from './records';
import type { Role } from './roles';

// RULES §29: ID numbers and phones masked unless the role needs them.
/** ID number: first 3 and last 4 kept, the rest `*` (same length). */
export function maskIdNumber(idNumber: string): string {
  if (!idNumber) return idNumber;
  if (idNumber.length <= 7) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 3) + '*'.repeat(idNumber.length - 7) + idNumber.slice(-4);
}

// RULES §29
/** Phone: 138****1234 (first 3 and last 4 kept); shorter numbers keep only the last 4. */
export function maskPhone(phone: string): string {
  if (!phone) return phone;
  if (phone.length >= 11) return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
  if (phone.length <= 4) return '*'.repeat(phone.length);
  return '*'.repeat(phone.length - 4) + phone.slice(-4);
}

export type SensitiveField = 'idNumber' | 'phone';
/** 'own' = full only on the viewer's own person record, masked on anyone else's. */
export type FieldAccess = 'full' | 'masked' | 'own';

// RULES §28–29: who sees which sensitive field in full. Workers on the grid must phone people, so they see phones;
// only the civil-affairs office handling applications needs full ID numbers; the admin manages the system, not people.
export const SENSITIVE_FIELD_ACCESS: Readonly<Record<Role, Readonly<Record<SensitiveField, FieldAccess>>>> = {
  officer: { idNumber: 'full', phone: 'full' },
  gridworker: { idNumber: 'masked', phone: 'full' },
  cadre: { idNumber: 'masked', phone: 'full' },
  admin: { idNumber: 'masked', phone: 'masked' },
  resident: { idNumber: 'own', phone: 'own' },
};

const MASKERS: Record<SensitiveField, (v: string) => string> = { idNumber: maskIdNumber, phone: maskPhone };

export interface MaskableRecord {
  _id?: string;
  idNumber?: string;
  phone?: string;
}

export interface MaskOptions {
  /** The viewer's own person record id (a resident sees their own record in full). */
  viewerPersonId?: string;
}

export interface Masked<T> {
  value: T;
  /** True when at least one non-empty sensitive field was returned in full: the caller must audit the view (RULES §29). */
  revealed: boolean;
  revealedFields: SensitiveField[];
}

/** Whether `viewerRole` sees `field` of this record in full. */
export function seesInFull(viewerRole: Role, field: SensitiveField, isOwnRecord: boolean): boolean {
  const access = SENSITIVE_FIELD_ACCESS[viewerRole][field];
  return access === 'full' || (access === 'own' && isOwnRecord);
}

/**
 * A copy of a person (or household, or any record with `idNumber` / `phone`) with the sensitive fields masked for
 * this viewer, plus whether anything was revealed in full. The input is not modified.
 */
export function maskPerson<T extends MaskableRecord>(record: T, viewerRole: Role, options: MaskOptions = {}): Masked<T> {
  const isOwn = options.viewerPersonId !== undefined && record._id === options.viewerPersonId;
  const value: T = { ...record };
  const revealedFields: SensitiveField[] = [];
  for (const field of ['idNumber', 'phone'] as const) {
    const v = record[field];
    if (typeof v !== 'string' || v === '') continue;
    if (seesInFull(viewerRole, field, isOwn)) revealedFields.push(field);
    else value[field] = MASKERS[field](v) as T[typeof field];
  }
  return { value, revealed: revealedFields.length > 0, revealedFields };
}

/** Masks a list for one viewer; `revealed` if any record revealed anything. */
export function maskPeople<T extends MaskableRecord>(records: readonly T[], viewerRole: Role, options: MaskOptions = {}) {
  const masked = records.map((r) => maskPerson(r, viewerRole, options));
  return {
    values: masked.map((m) => m.value),
    revealed: masked.some((m) => m.revealed),
    revealedIds: masked.filter((m) => m.revealed).map((m) => m.value._id).filter((id): id is string => !!id),
  };
}

// RULES §29: a masked ID number hides the region and the birth date. A viewer who gets it masked never gets the birth
// date too — only the age (and whether a minor) — or the two together would restore the number.
/** Fields that, beside a masked ID number, would restore what the mask hides. */
export const ID_RESTORING_FIELDS: readonly string[] = ['birthDate'];

export type AgedView<T> = Omit<T, 'birthDate'> & { birthDate?: string; age: number; minor: boolean };

/** A person for this viewer: sensitive fields masked, and the birth date only where the ID number is seen in full. */
export function personView<T extends MaskableRecord & { birthDate: string }>(record: T, viewerRole: Role, options: MaskOptions & { today: string }): Masked<AgedView<T>> {
  const masked = maskPerson(record, viewerRole, options);
  const { birthDate, ...rest } = masked.value;
  const idShown = masked.revealedFields.includes('idNumber');
  const aged = { ...rest, age: ageOn(birthDate, options.today), minor: isMinorOn(birthDate, options.today), ...(idShown ? { birthDate } : {}) };
  return { ...masked, value: aged as AgedView<T> };
}

/** A person in a list (roster, search, chooser): what the row shows, never what a mask hides (RULES §29). */
export function personRow(p: Person, today: string) {
  return {
    _id: p._id,
    version: p.version,
    householdId: p.householdId,
    gridId: p.gridId,
    villageId: p.villageId,
    name: p.name,
    gender: p.gender,
    age: ageOn(p.birthDate, today),
    relation: p.relation,
    categories: p.categories,
    riskTier: p.riskTier,
    keyHousehold: p.keyHousehold,
    idNumber: maskIdNumber(p.idNumber),
    phone: maskPhone(p.phone),
    ...(p.nextVisitDue !== undefined ? { nextVisitDue: p.nextVisitDue } : {}),
  };
}
