import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CATEGORIES, type Category } from '../../src/core/categories';
import { gridSchema, householdSchema, personSchema, userSchema, villageSchema } from '../../src/core/records';
import { parseIdNumber } from '../../src/core/id-number';
import { isMobilePhone } from '../../src/core/contact';
import { ageOn, beijingDate } from '../../src/core/calendar';
import { suggestedRiskTier as seedRiskTier } from '../../src/core/risk-tier';
import { generateTown, iterateHouseholds, townStructure } from '../../local/seed/generate';

// The heap measure must not count garbage: V8's gc(), exposed for this test file only.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const NOW = Date.UTC(2026, 10, 29, 2, 0, 0); // 2026-11-29 10:00 Beijing
const TODAY = beijingDate(NOW);
const town = generateTown({ now: NOW });

describe('demo town', () => {
  test('is deterministic: same seed → same records; another seed → other people', () => {
    expect(generateTown({ now: NOW })).toEqual(town);
    expect(generateTown({ now: NOW, seed: 7 })).toEqual(generateTown({ now: NOW, seed: 7 }));
    expect(generateTown({ now: NOW, seed: 7 }).persons.map((p) => p.name)).not.toEqual(town.persons.map((p) => p.name));
  });

  test('every record parses with its schema, unchanged', () => {
    for (const v of town.villages) expect(villageSchema.parse(v)).toEqual(v);
    for (const g of town.grids) expect(gridSchema.parse(g)).toEqual(g);
    for (const u of town.users) expect(userSchema.parse(u)).toEqual(u);
    for (const h of town.households) expect(householdSchema.parse(h)).toEqual(h);
    for (const p of town.persons) expect(personSchema.parse(p)).toEqual(p);
    for (const r of [...town.villages, ...town.grids, ...town.users, ...town.households, ...town.persons]) {
      expect(r).toMatchObject({ createdAt: NOW, updatedAt: NOW, version: 0 });
    }
  });

  test('shape: 4 villages (3 村 + 1 社区), 12 grids, one gridworker per grid, one cadre per village, officer, admin', () => {
    expect(town.town.name).toBe('清溪镇');
    expect(town.villages.map((v) => v._id)).toEqual(['v01', 'v02', 'v03', 'v04']);
    expect(town.villages.filter((v) => v.name.endsWith('社区'))).toHaveLength(1);
    expect(town.villages.filter((v) => v.name.endsWith('村'))).toHaveLength(3);
    expect(town.grids).toHaveLength(12);
    expect(town.grids[1]!._id).toBe('g01-02');
    const byRole = (role: string) => town.users.filter((u) => u.role === role);
    const gridworkers = byRole('gridworker');
    expect(gridworkers).toHaveLength(12);
    expect(gridworkers[0]!._id).toBe('u-gw-01');
    expect(new Set(gridworkers.map((u) => u.gridIds[0])).size).toBe(12);
    for (const u of gridworkers) {
      expect(u.gridIds).toHaveLength(1);
      expect(town.grids.find((g) => g._id === u.gridIds[0])!.villageId).toBe(u.villageIds[0]);
    }
    const cadres = byRole('cadre');
    expect(cadres.map((u) => u.villageIds)).toEqual([['v01'], ['v02'], ['v03'], ['v04']]);
    expect(byRole('officer').map((u) => u._id)).toEqual(['u-officer']);
    expect(byRole('admin').map((u) => u._id)).toEqual(['u-admin']);
    for (const u of town.users) expect(u.openid).toBe(`demo-openid-${u._id}`);
    for (const u of town.users) if (u.phone) expect(isMobilePhone(u.phone)).toBe(true);
  });

  test('residents: about 5 linked to roster persons (same name and phone), and a couple unlinked', () => {
    const residents = town.users.filter((u) => u.role === 'resident');
    const linked = residents.filter((u) => u.personId);
    expect(linked).toHaveLength(5);
    expect(residents.length - linked.length).toBe(2);
    for (const u of linked) {
      const p = town.persons.find((x) => x._id === u.personId)!;
      expect(p).toBeDefined();
      expect(u.name).toBe(p.name);
      expect(u.phone).toBe(p.phone);
    }
    expect(new Set(linked.map((u) => u.personId)).size).toBe(5);
    expect(new Set(linked.map((u) => town.persons.find((p) => p._id === u.personId)!.villageId)).size).toBe(4);
  });

  test('counts: exactly 600 persons in about 300 households', () => {
    expect(town.persons).toHaveLength(600);
    expect(town.households.length).toBeGreaterThanOrEqual(240);
    expect(town.households.length).toBeLessThanOrEqual(360);
    expect(town.households[0]!._id).toBe('h000001');
    expect(town.persons[0]!._id).toBe('p000001');
    for (const coll of [town.villages, town.grids, town.users, town.households, town.persons]) {
      expect(new Set(coll.map((r) => r._id)).size).toBe(coll.length);
    }
    expect(new Set(town.users.map((u) => u.openid)).size).toBe(town.users.length);
  });

  test('every ID number is valid, unique, and agrees with birth date and gender', () => {
    for (const p of town.persons) {
      const r = parseIdNumber(p.idNumber, TODAY);
      expect(r).toEqual({ ok: true, data: expect.objectContaining({ idNumber: p.idNumber, birthDate: p.birthDate, gender: p.gender }) });
    }
    expect(new Set(town.persons.map((p) => p.idNumber)).size).toBe(town.persons.length);
  });

  test('phones are valid mobiles; children have none; every household has a contact phone', () => {
    for (const p of town.persons) {
      if (p.phone) expect(isMobilePhone(p.phone)).toBe(true);
      if (ageOn(p.birthDate, TODAY) < 16) expect(p.phone).toBe('');
    }
    for (const h of town.households) expect(isMobilePhone(h.phone)).toBe(true);
  });

  test('households are consistent with their members, and each has someone in a category', () => {
    const members = new Map<string, typeof town.persons>();
    for (const p of town.persons) members.set(p.householdId, [...(members.get(p.householdId) ?? []), p]);
    for (const h of town.households) {
      const ms = members.get(h._id)!;
      expect(ms).toHaveLength(h.size);
      expect(ms[0]!.name).toBe(h.headName);
      expect(ms.some((p) => p.categories.length > 0)).toBe(true);
      for (const p of ms) {
        expect(p).toMatchObject({ gridId: h.gridId, villageId: h.villageId, keyHousehold: h.keyHousehold, floating: h.floating });
      }
      expect(town.grids.find((g) => g._id === h.gridId)!.villageId).toBe(h.villageId);
    }
    expect(town.persons.some((p) => p.categories.length === 0)).toBe(true); // family members may have none
    expect(town.persons.some((p) => p.categories.length >= 2)).toBe(true);
    expect(town.persons.some((p) => p.categories.includes('tekun') && p.categories.includes('aloneElderly'))).toBe(true);
  });

  test('every category appears several times in every village', () => {
    for (const v of town.villages) {
      const counts = new Map<Category, number>();
      for (const p of town.persons) if (p.villageId === v._id) for (const c of p.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
      const thin = CATEGORIES.filter((c) => (counts.get(c) ?? 0) < 3);
      expect([v.name, thin]).toEqual([v.name, []]);
    }
  });

  test('ages fit the categories (RULES §11, §24)', () => {
    for (const p of town.persons) {
      const age = ageOn(p.birthDate, TODAY);
      const has = (c: Category) => p.categories.includes(c);
      if (has('aloneElderly') || has('emptyNestElderly')) expect(age).toBeGreaterThanOrEqual(60);
      if (has('aloneElderly')) expect(age).toBeLessThanOrEqual(95);
      if (has('leftBehindChild') || has('childInDifficulty')) expect(age).toBeLessThan(16);
      if (has('tekun')) expect(age >= 60 || age < 16 || (p.disabilityGrade ?? 9) <= 2).toBe(true);
      if (has('vagrant')) expect(age).toBeGreaterThanOrEqual(18);
    }
  });

  test('risk tiers follow RULES §25', () => {
    for (const p of town.persons) {
      const age = ageOn(p.birthDate, TODAY);
      if (age >= 80 && (p.categories.includes('aloneElderly') || p.categories.includes('emptyNestElderly'))) expect(p.riskTier).toBe('high');
      if (p.categories.includes('tekun') || p.categories.includes('childInDifficulty')) expect(p.riskTier).not.toBe('general');
      if (age >= 60 && p.disabilityGrade !== undefined) expect(p.riskTier).not.toBe('general');
    }
    const tiers = new Set(town.persons.map((p) => p.riskTier));
    expect(tiers).toEqual(new Set(['high', 'priority', 'general']));
    // High-risk people and 特困 make a household a key household.
    for (const p of town.persons) if (p.riskTier === 'high' || p.categories.includes('tekun')) expect(p.keyHousehold).toBe(true);
  });

  test('seedRiskTier', () => {
    expect(seedRiskTier({ age: 82, categories: ['aloneElderly'] })).toBe('high');
    expect(seedRiskTier({ age: 79, categories: ['aloneElderly'] })).toBe('general');
    expect(seedRiskTier({ age: 45, categories: ['rigidSpending'], lifeThreateningIllness: true })).toBe('high');
    expect(seedRiskTier({ age: 70, categories: ['emptyNestElderly'], dementia: true })).toBe('priority');
    expect(seedRiskTier({ age: 66, categories: [], disabled: true })).toBe('priority');
    expect(seedRiskTier({ age: 50, categories: ['disabledInHardship'], disabled: true })).toBe('general');
    expect(seedRiskTier({ age: 70, categories: ['tekun'] })).toBe('priority');
    expect(seedRiskTier({ age: 70, categories: ['tekun'], centralisedCare: true })).toBe('general');
    expect(seedRiskTier({ age: 9, categories: [], orphan: true })).toBe('priority');
    expect(seedRiskTier({ age: 9, categories: ['childInDifficulty'] })).toBe('priority');
    expect(seedRiskTier({ age: 9, categories: ['leftBehindChild'] })).toBe('general');
  });

  test('has key households and floating population (with out-of-area ID numbers)', () => {
    const key = town.households.filter((h) => h.keyHousehold).length;
    const floating = town.households.filter((h) => h.floating);
    expect(key).toBeGreaterThan(10);
    expect(key).toBeLessThan(town.households.length / 2);
    expect(floating.length).toBeGreaterThanOrEqual(5);
    const regionOfHousehold = new Map<string, string>();
    for (const p of town.persons) {
      const region = p.idNumber.slice(0, 6);
      if (p.floating) expect(region).not.toBe('431123');
      else expect(region).toBe('431123');
      // A migrant family comes from one place.
      expect(regionOfHousehold.get(p.householdId) ?? region).toBe(region);
      regionOfHousehold.set(p.householdId, region);
    }
  });

  test('addresses look like 村/组/号 or 社区 flats', () => {
    for (const h of town.households) {
      expect(h.address.startsWith('清溪镇')).toBe(true);
      const village = town.villages.find((v) => v._id === h.villageId)!;
      if (!h.address.includes('无固定住所')) {
        expect(h.address).toContain(village.name);
        expect(h.address).toMatch(village.name.endsWith('社区') ? /\d+栋\d+单元\d+室/ : /\d+组\d+号$/);
      }
    }
  });

  test('the iterator yields the same households and persons, one grid per batch', () => {
    const batches = [...iterateHouseholds({ now: NOW })];
    expect(batches.map((b) => b.grid._id)).toEqual(town.grids.map((g) => g._id));
    expect(batches.flatMap((b) => b.households)).toEqual(town.households);
    expect(batches.flatMap((b) => b.persons)).toEqual(town.persons);
    for (const b of batches) expect(b.persons).toHaveLength(50);
  });

  test('requires now, rejects a bad person count', () => {
    expect(() => generateTown({ now: NaN })).toThrow();
    expect(() => generateTown({ now: NOW, persons: 0 })).toThrow();
  });
});

describe('large towns', () => {
  test('60 000 persons: grids of 1 000, villages of 10, unique valid IDs, categories in every village', () => {
    const opts = { now: NOW, persons: 60_000, seed: 3 };
    const s = townStructure(opts);
    expect(s.grids).toHaveLength(60);
    expect(s.villages).toHaveLength(6);
    expect(new Set(s.villages.map((v) => v.name)).size).toBe(6);
    expect(s.users.filter((u) => u.role === 'gridworker')).toHaveLength(60);
    expect(s.users.filter((u) => u.role === 'resident' && u.personId)).toHaveLength(5);
    const ids = new Set<string>();
    const categoriesByVillage = new Map<string, Set<Category>>();
    let persons = 0;
    for (const batch of iterateHouseholds(opts)) {
      expect(batch.persons).toHaveLength(1_000);
      for (const p of batch.persons) {
        persons++;
        ids.add(p.idNumber);
        const set = categoriesByVillage.get(p.villageId) ?? new Set<Category>();
        p.categories.forEach((c) => set.add(c));
        categoriesByVillage.set(p.villageId, set);
      }
      for (const p of batch.persons.slice(0, 50)) expect(parseIdNumber(p.idNumber, TODAY).ok).toBe(true);
    }
    expect(persons).toBe(60_000);
    expect(ids.size).toBe(60_000);
    for (const set of categoriesByVillage.values()) expect(set.size).toBe(CATEGORIES.length);
  });

  test('1 000 000 persons iterate with bounded memory', () => {
    const opts = { now: NOW, persons: 1_000_000 };
    const s = townStructure(opts);
    expect(s.grids).toHaveLength(1_000);
    expect(s.villages).toHaveLength(100);
    expect(s.users).toHaveLength(1_000 + 100 + 2 + 7);
    // What the generator holds, not garbage a busy machine has not collected yet: collect before each sample.
    const retained = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const before = retained();
    let peak = before;
    let persons = 0;
    let households = 0;
    let batches = 0;
    let lastPersonId = '';
    for (const batch of iterateHouseholds(opts)) {
      persons += batch.persons.length;
      households += batch.households.length;
      lastPersonId = batch.persons[batch.persons.length - 1]!._id;
      if (++batches % 50 === 0) peak = Math.max(peak, retained());
    }
    expect(persons).toBe(1_000_000);
    expect(batches).toBe(1_000);
    expect(households).toBeGreaterThan(350_000);
    expect(households).toBeLessThan(600_000);
    expect(lastPersonId).toBe('p1000000');
    // Holding a million persons would take well over a gigabyte; one grid at a time stays small.
    expect(peak - before).toBeLessThan(256 * 1024 * 1024);
  }, 180_000);
});
