import { ROLES } from '../../src/core/roles';
import { maskIdNumber, maskPeople, maskPerson, maskPhone, SENSITIVE_FIELD_ACCESS } from '../../src/core/masking';

const person = { _id: 'p000001', name: '王秀英', idNumber: '11010519491231002X', phone: '13812341234', notes: '' };
const MASKED_ID = '110***********002X';
const MASKED_PHONE = '138****1234';

describe('masking helpers', () => {
  test('ID keeps first 3 and last 4, phone is 138****1234', () => {
    expect(maskIdNumber('11010519491231002X')).toBe(MASKED_ID);
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
    expect(maskPhone('13812341234')).toBe(MASKED_PHONE);
    expect(maskPhone('')).toBe('');
    expect(maskIdNumber('')).toBe('');
    expect(maskPhone('84561234')).toBe('****1234');
    expect(maskIdNumber('12345')).toBe('*****');
  });
});

describe('maskPerson per viewer role (RULES §29)', () => {
  test('the table names every role and field', () => {
    for (const role of ROLES) expect(Object.keys(SENSITIVE_FIELD_ACCESS[role]).sort()).toEqual(['idNumber', 'phone']);
  });

  test('officer sees ID and phone in full, and the view must be audited', () => {
    const r = maskPerson(person, 'officer');
    expect(r.value).toEqual(person);
    expect(r.revealed).toBe(true);
    expect(r.revealedFields).toEqual(['idNumber', 'phone']);
  });

  test.each(['gridworker', 'cadre'] as const)('%s sees the phone in full and a masked ID', (role) => {
    const r = maskPerson(person, role);
    expect(r.value).toEqual({ ...person, idNumber: MASKED_ID });
    expect(r.revealed).toBe(true);
    expect(r.revealedFields).toEqual(['phone']);
  });

  test('admin sees both masked; nothing to audit', () => {
    const r = maskPerson(person, 'admin');
    expect(r.value).toEqual({ ...person, idNumber: MASKED_ID, phone: MASKED_PHONE });
    expect(r.revealed).toBe(false);
    expect(r.revealedFields).toEqual([]);
  });

  test('a resident sees their own record in full and anyone else masked', () => {
    const own = maskPerson(person, 'resident', { viewerPersonId: 'p000001' });
    expect(own.value).toEqual(person);
    expect(own.revealed).toBe(true);
    const other = maskPerson(person, 'resident', { viewerPersonId: 'p000002' });
    expect(other.value).toEqual({ ...person, idNumber: MASKED_ID, phone: MASKED_PHONE });
    expect(other.revealed).toBe(false);
    const unlinked = maskPerson(person, 'resident');
    expect(unlinked.revealed).toBe(false);
  });

  test('does not modify its input, and empty fields reveal nothing', () => {
    const copy = { ...person };
    maskPerson(person, 'admin');
    expect(person).toEqual(copy);
    const child = { ...person, phone: '' };
    expect(maskPerson(child, 'gridworker')).toMatchObject({ revealed: false, value: { phone: '' } });
  });

  test('works on households (phone only) and lists', () => {
    const household = { _id: 'h000001', headName: '王秀英', phone: '13812341234' };
    expect(maskPerson(household, 'admin').value.phone).toBe(MASKED_PHONE);
    const list = maskPeople([person, { ...person, _id: 'p000002', phone: '' }], 'gridworker');
    expect(list.values.map((v) => v.idNumber)).toEqual([MASKED_ID, MASKED_ID]);
    expect(list.revealed).toBe(true);
    expect(list.revealedIds).toEqual(['p000001']);
  });
});
