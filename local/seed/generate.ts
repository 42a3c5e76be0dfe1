// Deterministic demo-town generator for the local runtime and benchmarks. Pure: no I/O, no clock, no Math.random.
//
// The default demo is 清溪镇: 4 villages (3 村 + 1 社区) × 3 grids, one gridworker per grid, one cadre per village,
// one officer, one admin, ~300 households / 600 persons of the special groups, and 7 residents (5 linked to a
// person, 2 not). Large towns (persons > 12 000) use grids of ~1 000 persons and villages of 10 grids, and are
// produced grid by grid by `iterateHouseholds`, so a 1 000 000-person town never sits in memory.
//
// Same seed + same options → same records, byte for byte.
import type { Category } from '../../src/core/categories';
import { suggestedRiskTier } from '../../src/core/risk-tier';
import type { Grid, Household, Person, User, Village } from '../../src/core/records';
import { makeIdNumber, sequenceFor, type Gender } from '../../src/core/id-number';
import { addDays, beijingDate, fromEpochDay, toEpochDay } from '../../src/core/calendar';
import { scheduleHousehold } from './schedule';
import { DEFAULT_SEED } from './defaults';

export const DEMO_PERSONS = 600;
/** Up to this many persons the town keeps the demo shape (4 villages × 3 grids). */
export const DEMO_SHAPE_MAX_PERSONS = 12_000;
export const LARGE_GRID_PERSONS = 1_000;
export const LARGE_VILLAGE_GRIDS = 10;

export interface GenerateTownOptions {
  /** Target number of persons; the generator produces exactly this many. Default 600. */
  persons?: number;
  seed?: number;
  /** Epoch ms used for createdAt/updatedAt and as "today" (Beijing date) for ages. */
  now: number;
}

export interface TownInfo {
  name: string;
  code: string;
  office: string;
}

export interface TownStructure {
  town: TownInfo;
  villages: Village[];
  grids: Grid[];
  users: User[];
}

export interface HouseholdBatch {
  grid: Grid;
  households: Household[];
  persons: Person[];
}

export interface GeneratedTown extends TownStructure {
  households: Household[];
  persons: Person[];
}

export const TOWN: TownInfo = { name: '清溪镇', code: '431123101', office: '清溪镇民政办' };

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

function hash32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h ^= p >>> 0;
    h = Math.imul(h, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

// Module-level copies of the globals used per random draw: global lookups are slow inside jest's vm sandbox.
const imul = Math.imul;

class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi], both inclusive (spans below 2^31). */
  int(lo: number, hi: number): number {
    return lo + ((this.next() * (hi - lo + 1)) | 0);
  }
  pick<T>(items: readonly T[]): T {
    return items[(this.next() * items.length) | 0]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Names, phones, places

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '蒋', '蔡', '余',
  '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '廖', '石',
  '贺', '邹', '熊', '秦', '龙', '雷', '蒋', '文', '欧阳', '向',
];
const GIVEN: Record<'old' | 'mid' | 'young', Record<Gender, readonly string[]>> = {
  old: {
    male: ['建国', '国华', '德福', '长生', '福贵', '永祥', '志刚', '树林', '春生', '金山', '文华', '德明', '玉山', '新民', '国强', '连生', '有才', '守义', '学文', '宝山', '根生', '庆丰', '明德', '光明', '振华', '立新', '家富', '水生', '荣华', '顺生'],
    female: ['秀英', '桂英', '玉兰', '凤英', '秀兰', '桂兰', '淑珍', '翠花', '玉珍', '秀珍', '美兰', '金凤', '春梅', '冬梅', '桂芳', '素芬', '玉梅', '月娥', '彩霞', '金花', '菊英', '秀琴', '兰英', '淑华', '凤兰', '银花', '玉英', '招娣', '腊梅', '满英'],
  },
  mid: {
    male: ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '海', '建华', '志强', '海涛', '建军', '小龙', '文斌', '俊杰', '国栋', '永强', '红军', '卫东'],
    female: ['丽', '芳', '娜', '敏', '静', '艳', '娟', '霞', '燕', '玲', '红', '梅', '琴', '萍', '丽娟', '海燕', '晓燕', '春燕', '小红', '美玲', '秋菊', '雪梅', '晓丽', '丹丹', '慧', '婷', '倩', '莉', '佳', '小芳'],
  },
  young: {
    male: ['子轩', '浩宇', '宇航', '梓豪', '俊熙', '一鸣', '浩然', '子墨', '宇轩', '博文', '睿', '泽宇', '明轩', '铭', '嘉豪', '天佑', '梓睿', '皓轩', '承泽', '思远'],
    female: ['梓涵', '欣怡', '诗涵', '子涵', '雨涵', '可馨', '一诺', '依诺', '梦琪', '思彤', '欣妍', '佳怡', '若汐', '语桐', '雨桐', '紫萱', '晨曦', '安琪', '芷若', '沐晴'],
  },
};
const PHONE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '173', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '193', '195', '198', '199'];

function surname(rng: Rng): string {
  // Skewed towards the common surnames, as in any real village.
  return SURNAMES[Math.floor(rng.next() ** 1.7 * SURNAMES.length)]!;
}

function givenName(rng: Rng, gender: Gender, birthYear: number): string {
  const cohort = birthYear <= 1965 ? 'old' : birthYear <= 2002 ? 'mid' : 'young';
  return rng.pick(GIVEN[cohort][gender]);
}

function mobile(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

const DEMO_VILLAGE_NAMES = ['清溪村', '石桥村', '柳塘村', '清溪社区'];
const NAME_FIRST = ['青', '石', '杨', '桃', '杏', '枫', '竹', '梅', '松', '云', '花', '桂', '莲', '荷', '白', '金', '黄', '龙', '凤', '马'];
const NAME_SECOND = ['坪', '湾', '塘', '溪', '岭', '冲', '坝', '垸', '山', '田', '源', '岗', '洲', '园', '林', '铺', '口', '垭', '湖', '坡'];
const ESTATES = ['幸福小区', '和平小区', '滨河小区', '建设小区', '兴隆小区', '阳光小区', '锦绣小区', '文化小区'];
const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function isCommunityIndex(v: number): boolean {
  return v % 4 === 3;
}

function villageName(v: number): string {
  if (v < DEMO_VILLAGE_NAMES.length) return DEMO_VILLAGE_NAMES[v]!;
  const i = v - DEMO_VILLAGE_NAMES.length;
  const base = NAME_FIRST[i % 20]! + NAME_SECOND[Math.floor(i / 20) % 20]!;
  const round = Math.floor(i / 400);
  return base + (round > 0 ? String(round + 1) : '') + (isCommunityIndex(v) ? '社区' : '村');
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const cnNumber = (n: number) => (n <= 10 ? CN_DIGITS[n]! : String(n));

// ID region codes. Block 0 (the first 50 grids: the whole demo) is the town's own county; the blocks of a large
// town get further codes so that (region, sequence range) never repeats between grids — see `idContext`.
const LOCAL_REGIONS = ['431123', '431121', '431122', '431124', '431125', '431126', '431127', '431128', '431129', '431102', '431103'];
const FLOATING_REGIONS = ['510722', '522427', '500236', '420921', '360732', '450881', '441881', '341221'];
const GRIDS_PER_ID_BLOCK = 50;

// ---------------------------------------------------------------------------------------------------------------
// Layout

interface Layout {
  persons: number;
  gridCount: number;
  /** villageOfGrid[g], gridInVillage[g] */
  villageOfGrid: number[];
  gridInVillage: number[];
  villageCount: number;
  idWidth: number;
}

function layoutFor(persons: number): Layout {
  if (!Number.isInteger(persons) || persons < 1) throw new Error(`persons must be a positive integer, got ${persons}`);
  let villageSizes: number[];
  if (persons <= DEMO_SHAPE_MAX_PERSONS) villageSizes = [3, 3, 3, 3];
  else {
    const gridCount = Math.ceil(persons / LARGE_GRID_PERSONS);
    villageSizes = [];
    for (let left = gridCount; left > 0; left -= LARGE_VILLAGE_GRIDS) villageSizes.push(Math.min(LARGE_VILLAGE_GRIDS, left));
  }
  const villageOfGrid: number[] = [];
  const gridInVillage: number[] = [];
  villageSizes.forEach((size, v) => {
    for (let j = 0; j < size; j++) {
      villageOfGrid.push(v);
      gridInVillage.push(j);
    }
  });
  return {
    persons,
    gridCount: villageOfGrid.length,
    villageOfGrid,
    gridInVillage,
    villageCount: villageSizes.length,
    idWidth: Math.max(6, String(persons).length),
  };
}

function gridQuota(layout: Layout, g: number): number {
  const base = Math.floor(layout.persons / layout.gridCount);
  return base + (g < layout.persons % layout.gridCount ? 1 : 0);
}

const villageId = (v: number) => `v${pad(v + 1, 2)}`;
const gridId = (layout: Layout, g: number) =>
  `g${pad(layout.villageOfGrid[g]! + 1, 2)}-${pad(layout.gridInVillage[g]! + 1, 2)}`;

function buildVillages(layout: Layout, now: number): Village[] {
  const out: Village[] = [];
  for (let v = 0; v < layout.villageCount; v++) {
    out.push({ _id: villageId(v), createdAt: now, updatedAt: now, version: 0, name: villageName(v), code: `${TOWN.code}${pad(v + 1, 3)}` });
  }
  return out;
}

function buildGrid(layout: Layout, g: number, now: number): Grid {
  const v = layout.villageOfGrid[g]!;
  const j = layout.gridInVillage[g]!;
  return {
    _id: gridId(layout, g),
    createdAt: now,
    updatedAt: now,
    version: 0,
    name: `${villageName(v)}第${cnNumber(j + 1)}网格`,
    code: `${TOWN.code}${pad(v + 1, 3)}-${pad(j + 1, 2)}`,
    villageId: villageId(v),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Household archetypes

interface MemberDraft {
  age: number;
  gender: Gender;
  relation: string;
  surname: string;
  categories: Category[];
  hasPhone: boolean;
  disabilityGrade?: number;
  lifeThreateningIllness?: boolean;
  dementia?: boolean;
  orphan?: boolean;
  notes: string[];
}

interface HouseholdDraft {
  members: MemberDraft[];
  notes: string[];
  floating?: boolean;
  homeless?: boolean;
  /** Why the household phone is not the head's, when it is not. */
  phoneNote?: string;
}

type Archetype =
  | 'tekunAlone'
  | 'elderlyAlone'
  | 'elderlyCouple'
  | 'leftBehind'
  | 'singleParent'
  | 'disabledFamily'
  | 'fanpin'
  | 'dibaoEdge'
  | 'rigidSpending'
  | 'otherHardship'
  | 'vagrant'
  | 'orphan'
  | 'dibaoFamily';

/** One of each, at the start of every grid: every category appears in every grid, hence several times per village. */
const GUARANTEED: readonly Archetype[] = [
  'dibaoFamily', 'elderlyAlone', 'tekunAlone', 'elderlyCouple', 'leftBehind', 'singleParent', 'disabledFamily',
  'fanpin', 'dibaoEdge', 'rigidSpending', 'otherHardship', 'vagrant', 'orphan',
];
const MIN_SIZE: Record<Archetype, number> = {
  tekunAlone: 1, elderlyAlone: 1, elderlyCouple: 2, leftBehind: 2, singleParent: 2, disabledFamily: 1, fanpin: 1,
  dibaoEdge: 1, rigidSpending: 1, otherHardship: 1, vagrant: 1, orphan: 2, dibaoFamily: 1,
};
const WEIGHTS: ReadonlyArray<[Archetype, number]> = [
  ['elderlyAlone', 16], ['elderlyCouple', 14], ['dibaoFamily', 12], ['tekunAlone', 6], ['leftBehind', 10],
  ['singleParent', 5], ['disabledFamily', 9], ['fanpin', 7], ['dibaoEdge', 8], ['rigidSpending', 5],
  ['otherHardship', 4], ['vagrant', 1], ['orphan', 3],
];
const WEIGHT_TOTAL = WEIGHTS.reduce((s, [, w]) => s + w, 0);
const SINGLE_ARCHETYPES: readonly Archetype[] = ['elderlyAlone', 'tekunAlone', 'otherHardship', 'dibaoEdge'];
const MIGRANT_ARCHETYPES: readonly Archetype[] = ['dibaoFamily', 'fanpin', 'dibaoEdge', 'rigidSpending', 'otherHardship', 'singleParent', 'disabledFamily'];

function weightedArchetype(rng: Rng): Archetype {
  let r = rng.next() * WEIGHT_TOTAL;
  for (const [a, w] of WEIGHTS) {
    r -= w;
    if (r < 0) return a;
  }
  return 'elderlyAlone';
}

const DISABILITY_KINDS = ['肢体', '视力', '听力', '言语', '智力', '精神'];
const ILLNESSES = ['尿毒症，每周透析三次', '恶性肿瘤，化疗中', '白血病，住院治疗中', '重度心衰，长期卧床'];
const HARDSHIP_NOTES = ['因灾房屋受损', '失业半年，无稳定收入', '意外受伤，暂时无法劳动', '家庭主要劳动力去世'];
const FANPIN_NOTES = ['因病返贫风险', '因学返贫风险', '因灾返贫风险', '务工收入不稳定'];

function spouseOf(rng: Rng, head: MemberDraft, ageDelta: [number, number]): MemberDraft {
  return {
    age: Math.max(18, head.age + rng.int(ageDelta[0], ageDelta[1])),
    gender: head.gender === 'male' ? 'female' : 'male',
    relation: '配偶',
    surname: surname(rng),
    categories: [...head.categories],
    hasPhone: rng.chance(0.8),
    notes: [],
  };
}

function childOf(rng: Rng, age: number, relationBase: '子女' | '孙子女', familySurname: string): MemberDraft {
  const gender: Gender = rng.chance(0.52) ? 'male' : 'female';
  const relation = relationBase === '子女' ? (gender === 'male' ? '子' : '女') : gender === 'male' ? '孙子' : '孙女';
  return { age, gender, relation, surname: familySurname, categories: [], hasPhone: age >= 16 && rng.chance(0.9), notes: [] };
}

function draft(rng: Rng, kind: Archetype): HouseholdDraft {
  const s = surname(rng);
  const person = (age: number, gender: Gender, relation = '户主', categories: Category[] = []): MemberDraft => ({
    age, gender, relation, surname: s, categories, hasPhone: age >= 16 && age < 75 ? rng.chance(0.95) : age >= 75 ? rng.chance(0.4) : false, notes: [],
  });
  const g = (): Gender => (rng.chance(0.5) ? 'male' : 'female');
  switch (kind) {
    case 'tekunAlone': {
      // RULES §11: no work ability — 60+, or severe disability.
      const disabledAdult = rng.chance(0.2);
      const head = person(disabledAdult ? rng.int(40, 59) : rng.int(62, 92), g(), '户主', ['tekun']);
      if (head.age >= 60) head.categories.push('aloneElderly');
      if (disabledAdult) {
        head.disabilityGrade = rng.int(1, 2);
        head.notes.push(`${cnNumber(head.disabilityGrade)}级肢体残疾`);
      }
      return { members: [head], notes: ['分散供养特困人员，无法定赡养人'], phoneNote: head.hasPhone ? undefined : '联系电话为村里帮扶联系人' };
    }
    case 'elderlyAlone': {
      const head = person(rng.int(65, 95), rng.chance(0.6) ? 'female' : 'male', '户主', ['aloneElderly']);
      if (rng.chance(0.4)) head.categories.push('dibao');
      if (rng.chance(0.15)) {
        head.disabilityGrade = rng.int(3, 4);
        head.notes.push(`${cnNumber(head.disabilityGrade)}级${rng.pick(['肢体', '视力', '听力'])}残疾`);
      }
      return { members: [head], notes: [rng.pick(['子女在外地工作', '老伴已去世，子女在外地', '无子女'])], phoneNote: head.hasPhone ? undefined : '联系电话为子女' };
    }
    case 'elderlyCouple': {
      const head = person(rng.int(62, 90), 'male', '户主', ['emptyNestElderly']);
      const wife = spouseOf(rng, head, [-6, 1]);
      wife.age = Math.max(60, wife.age);
      if (rng.chance(0.3)) {
        head.categories.push('dibao');
        wife.categories.push('dibao');
      }
      if (rng.chance(0.15)) {
        const who = rng.chance(0.5) ? head : wife;
        who.dementia = true;
        who.notes.push('患阿尔茨海默病，需要看护');
      }
      if (!head.hasPhone) wife.hasPhone = true;
      return { members: [head, wife], notes: ['子女均在外地，老两口同住'] };
    }
    case 'leftBehind': {
      const grandpa = rng.chance(0.7);
      const head = person(rng.int(56, 78), grandpa ? 'male' : 'female');
      const members = [head];
      if (grandpa && rng.chance(0.8)) members.push(spouseOf(rng, head, [-5, 1]));
      const kids = rng.int(1, 2);
      const familySurname = grandpa ? s : surname(rng);
      for (let i = 0; i < kids; i++) {
        const c = childOf(rng, rng.int(3, 15), '孙子女', familySurname);
        c.categories.push('leftBehindChild');
        members.push(c);
      }
      if (rng.chance(0.2)) members.filter((m) => m.relation === '户主' || m.relation === '配偶').forEach((m) => m.categories.push('dibaoEdge'));
      // Children come right after the head so that trimming a household keeps a child.
      members.sort((a, b) => rank(a) - rank(b));
      return { members, notes: ['父母均在外务工，由祖辈照料'], phoneNote: '联系电话为孩子父亲（在外务工）' };
    }
    case 'singleParent': {
      const head = person(rng.int(28, 48), rng.chance(0.7) ? 'female' : 'male', '户主', ['dibao']);
      if (rng.chance(0.4)) {
        head.disabilityGrade = rng.int(2, 3);
        head.categories.push('disabledInHardship');
        head.notes.push(`${cnNumber(head.disabilityGrade)}级${rng.pick(DISABILITY_KINDS)}残疾`);
      }
      const members = [head];
      const kids = rng.int(1, 2);
      for (let i = 0; i < kids; i++) {
        const c = childOf(rng, rng.int(2, Math.min(15, head.age - 20)), '子女', s);
        c.categories.push('dibao', 'childInDifficulty');
        members.push(c);
      }
      return { members, notes: ['单亲家庭，收入低'] };
    }
    case 'disabledFamily': {
      const head = person(rng.int(35, 68), rng.chance(0.6) ? 'male' : 'female', '户主', ['disabledInHardship']);
      head.disabilityGrade = rng.int(1, 4);
      head.notes.push(`${cnNumber(head.disabilityGrade)}级${rng.pick(DISABILITY_KINDS)}残疾`);
      const members = [head, spouseOf(rng, head, [-4, 3])];
      members[1]!.categories = [];
      if (rng.chance(0.6)) members.push(childOf(rng, rng.int(4, Math.min(25, head.age - 20)), '子女', s));
      if (rng.chance(0.3)) members.forEach((m) => m.categories.push('dibaoEdge'));
      return { members, notes: ['家有残疾人，生活困难'] };
    }
    case 'fanpin':
    case 'dibaoEdge':
    case 'dibaoFamily':
    case 'rigidSpending': {
      const category: Category = kind === 'fanpin' ? 'fanpin' : kind === 'dibaoEdge' ? 'dibaoEdge' : kind === 'dibaoFamily' ? 'dibao' : 'rigidSpending';
      const head = person(rng.int(32, 62), rng.chance(0.75) ? 'male' : 'female', '户主', [category]);
      const members = [head];
      if (rng.chance(0.85)) members.push(spouseOf(rng, head, [-4, 3]));
      const kids = rng.int(0, 2);
      for (let i = 0; i < kids; i++) {
        const c = childOf(rng, rng.int(0, Math.min(22, head.age - 20)), '子女', s);
        c.categories.push(category);
        members.push(c);
      }
      const notes: string[] = [];
      if (kind === 'rigidSpending') {
        const ill = rng.pick(members);
        ill.lifeThreateningIllness = true;
        ill.notes.push(rng.pick(ILLNESSES));
        notes.push('近12个月医疗自付支出远超家庭收入');
      } else if (kind === 'fanpin') notes.push(rng.pick(FANPIN_NOTES));
      else if (kind === 'dibaoFamily' && rng.chance(0.3)) {
        head.disabilityGrade = rng.int(2, 4);
        head.categories.push('disabledInHardship');
        head.notes.push(`${cnNumber(head.disabilityGrade)}级${rng.pick(DISABILITY_KINDS)}残疾`);
        notes.push('户主残疾，缺少劳动力');
      } else notes.push(kind === 'dibaoEdge' ? '人均收入略高于低保标准' : '家庭人均收入低于低保标准');
      return { members, notes };
    }
    case 'otherHardship': {
      const head = person(rng.int(25, 60), g(), '户主', ['otherHardship']);
      const members = [head];
      if (rng.chance(0.4)) members.push({ ...spouseOf(rng, head, [-4, 3]), categories: ['otherHardship'] });
      return { members, notes: [rng.pick(HARDSHIP_NOTES)] };
    }
    case 'vagrant': {
      const head = person(rng.int(35, 70), rng.chance(0.8) ? 'male' : 'female', '本人', ['vagrant']);
      head.hasPhone = rng.chance(0.3);
      return {
        members: [head],
        notes: ['流浪乞讨人员，已临时安置，正在查找户籍与亲属'],
        floating: rng.chance(0.6),
        homeless: true,
        phoneNote: head.hasPhone ? undefined : '联系电话为镇救助站工作人员',
      };
    }
    case 'orphan': {
      const head = person(rng.int(60, 80), g());
      const child = childOf(rng, rng.int(3, 15), '孙子女', head.gender === 'male' ? s : surname(rng));
      child.categories.push('childInDifficulty');
      child.orphan = true;
      child.notes.push('父母双亡，孤儿');
      return { members: [head, child], notes: ['孤儿由祖辈抚养'], phoneNote: head.hasPhone ? undefined : '联系电话为孩子姑姑' };
    }
  }
}

function rank(m: MemberDraft): number {
  return m.relation === '户主' ? 0 : m.categories.length > 0 && m.age < 18 ? 1 : 2;
}

// ---------------------------------------------------------------------------------------------------------------
// Grid generation

interface Counters {
  household: number;
  person: number;
}

function idContext(layout: Layout, g: number) {
  // (region, birth date, sequence) must be unique town-wide without a town-wide set: grids in one block of 50 get
  // disjoint sequence ranges, blocks get disjoint region codes, and a per-grid set settles the rest.
  const block = Math.floor(g / GRIDS_PER_ID_BLOCK);
  const position = g % GRIDS_PER_ID_BLOCK;
  const gridsInBlock = Math.min(layout.gridCount, GRIDS_PER_ID_BLOCK);
  const seqPerGrid = Math.floor(500 / gridsInBlock);
  const local = LOCAL_REGIONS[block] ?? `7${pad(block, 5)}`;
  const floating = block === 0 ? FLOATING_REGIONS : [0, 1, 2, 3, 4].map((k) => `8${pad(block * 5 + k, 5)}`);
  return { local, floating, kStart: position * seqPerGrid, seqPerGrid, used: new Set<string>() };
}

function subtractYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${pad(y - years, 4)}-${pad(m, 2)}-${pad(day, 2)}`;
}

/** Picks birth dates at which a person is exactly `age` on `today` (the day range per age is computed once). */
function birthDatePicker(today: string) {
  const ranges = new Map<number, [number, number]>();
  return (rng: Rng, age: number): string => {
    let range = ranges.get(age);
    if (!range) {
      const latest = toEpochDay(subtractYears(today, age));
      const earliest = toEpochDay(addDays(subtractYears(today, age + 1), 1));
      range = [earliest, latest];
      ranges.set(age, range);
    }
    return fromEpochDay(rng.int(range[0], range[1]));
  };
}

function generateGrid(layout: Layout, g: number, seed: number, now: number, counters: Counters): HouseholdBatch {
  const rng = new Rng(hash32(seed, 0x67726964, g));
  const birthDateForAge = birthDatePicker(beijingDate(now));
  const grid = buildGrid(layout, g, now);
  const v = layout.villageOfGrid[g]!;
  const j = layout.gridInVillage[g]!;
  const community = isCommunityIndex(v);
  const vName = villageName(v);
  const ids = idContext(layout, g);
  const quota = gridQuota(layout, g);
  const households: Household[] = [];
  const persons: Person[] = [];
  let made = 0;
  let houseNo = 0;

  const assignId = (region: string, birthDate: string, gender: Gender): { idNumber: string; birthDate: string } => {
    let date = birthDate;
    const start = rng.int(0, ids.seqPerGrid - 1);
    for (let attempt = 0; ; attempt++) {
      const offset = attempt % ids.seqPerGrid;
      if (attempt > 0 && offset === 0) date = addDays(date, -1); // every sequence taken on that day: a day earlier
      const k = ids.kStart + ((start + offset) % ids.seqPerGrid);
      const idNumber = makeIdNumber(region, date, sequenceFor(k, gender));
      if (!ids.used.has(idNumber)) {
        ids.used.add(idNumber);
        return { idNumber, birthDate: date };
      }
    }
  };

  for (let h = 0; made < quota; h++) {
    const left = quota - made;
    let kind: Archetype = h < GUARANTEED.length ? GUARANTEED[h]! : weightedArchetype(rng);
    if (MIN_SIZE[kind] > left) kind = rng.pick(SINGLE_ARCHETYPES);
    const d = draft(rng, kind);
    const members = d.members.slice(0, left);
    // 流动人口: working-age families who moved here for work, more often in the 社区.
    const floating = d.floating ?? (MIGRANT_ARCHETYPES.includes(kind) && rng.chance(community ? 0.2 : 0.07));
    const region = floating ? rng.pick(ids.floating) : ids.local;
    const householdId = `h${pad(counters.household++, layout.idWidth)}`;
    houseNo += 1;
    const address = d.homeless
      ? `${TOWN.name}无固定住所（临时安置于镇救助站）`
      : community
        ? `${TOWN.name}${vName}${ESTATES[(j * 2 + (houseNo % 2)) % ESTATES.length]}${1 + Math.floor(houseNo / 12)}栋${rng.int(1, 3)}单元${rng.int(1, 6)}0${rng.int(1, 4)}室${floating ? '（租住）' : ''}`
        : `${TOWN.name}${vName}${j * 3 + rng.int(1, 3)}组${houseNo}号`;

    const built: Person[] = [];
    const notesOf = (m: MemberDraft) => {
      const n = [...m.notes];
      if (floating) n.push('外地户籍，持居住证');
      return n.join('；');
    };
    for (const m of members) {
      const { idNumber, birthDate } = assignId(region, birthDateForAge(rng, m.age), m.gender);
      const tier = suggestedRiskTier({
        age: m.age,
        categories: m.categories,
        lifeThreateningIllness: m.lifeThreateningIllness,
        disabled: m.disabilityGrade !== undefined,
        dementia: m.dementia,
        orphan: m.orphan,
      });
      const p: Person = {
        _id: `p${pad(counters.person++, layout.idWidth)}`,
        createdAt: now,
        updatedAt: now,
        version: 0,
        householdId,
        gridId: grid._id,
        villageId: grid.villageId,
        name: m.surname + givenName(rng, m.gender, Number(birthDate.slice(0, 4))),
        idNumber,
        phone: m.hasPhone ? mobile(rng) : '',
        gender: m.gender,
        birthDate,
        relation: m.relation,
        categories: [...new Set(m.categories)],
        riskTier: tier,
        keyHousehold: false,
        floating,
        notes: notesOf(m),
      };
      if (m.disabilityGrade !== undefined) p.disabilityGrade = m.disabilityGrade;
      built.push(p);
    }
    // 重点户: anyone at high risk, every 特困, and a few more the town chose to watch.
    const keyHousehold = built.some((p) => p.riskTier === 'high' || p.categories.includes('tekun')) || rng.chance(0.08);
    for (const p of built) p.keyHousehold = keyHousehold;
    const head = built[0]!;
    const notes = [...d.notes];
    let phone = head.phone;
    if (!phone) {
      phone = built.find((p) => p.phone)?.phone ?? mobile(rng);
      if (!built.some((p) => p.phone)) notes.push(d.phoneNote ?? '联系电话为亲属');
    }
    households.push({
      _id: householdId,
      createdAt: now,
      updatedAt: now,
      version: 0,
      gridId: grid._id,
      villageId: grid.villageId,
      address,
      headName: head.name,
      phone,
      size: built.length,
      keyHousehold,
      floating,
      notes: notes.join('；'),
    });
    scheduleHousehold(households[households.length - 1]!, built, seed, now);
    persons.push(...built);
    made += built.length;
  }
  return { grid, households, persons };
}

function* gridBatches(layout: Layout, seed: number, now: number, upToGrid = Infinity): Generator<HouseholdBatch> {
  const counters: Counters = { household: 1, person: 1 };
  for (let g = 0; g < layout.gridCount && g <= upToGrid; g++) yield generateGrid(layout, g, seed, now, counters);
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

function options(opts: GenerateTownOptions) {
  if (!Number.isFinite(opts.now)) throw new Error('generateTown needs `now` (epoch ms)');
  return { persons: opts.persons ?? DEMO_PERSONS, seed: (opts.seed ?? DEFAULT_SEED) >>> 0, now: opts.now };
}

/**
 * Households with their persons, one grid per batch, in grid order (g01-01, g01-02 …). Memory stays at one grid
 * (~50 persons in the demo, ~1 000 in large towns) whatever the town's size.
 */
export function iterateHouseholds(opts: GenerateTownOptions): Generator<HouseholdBatch> {
  const o = options(opts);
  return gridBatches(layoutFor(o.persons), o.seed, o.now);
}

/** Town, villages, grids and users (staff and demo residents) — small even for a 1 000 000-person town. */
export function townStructure(opts: GenerateTownOptions): TownStructure {
  const o = options(opts);
  const layout = layoutFor(o.persons);
  const now = o.now;
  const rng = new Rng(hash32(o.seed, 0x73746166));
  const villages = buildVillages(layout, now);
  const grids: Grid[] = [];
  for (let g = 0; g < layout.gridCount; g++) grids.push(buildGrid(layout, g, now));
  const today = beijingDate(now);
  const staffName = (gender: Gender = rng.chance(0.5) ? 'male' : 'female') =>
    surname(rng) + givenName(rng, gender, Number(today.slice(0, 4)) - rng.int(25, 50));
  const user = (_id: string, name: string, role: User['role'], extra: Partial<User> = {}): User => ({
    _id,
    createdAt: now,
    updatedAt: now,
    version: 0,
    openid: `demo-openid-${_id}`,
    name,
    role,
    gridIds: [],
    villageIds: [],
    ...extra,
  });
  const width = Math.max(2, String(layout.gridCount).length);
  const users: User[] = [];
  grids.forEach((grid, g) =>
    users.push(user(`u-gw-${pad(g + 1, width)}`, staffName(), 'gridworker', { phone: mobile(rng), gridIds: [grid._id], villageIds: [grid.villageId] })),
  );
  villages.forEach((village, v) =>
    users.push(user(`u-cadre-${pad(v + 1, Math.max(2, String(layout.villageCount).length))}`, staffName(), 'cadre', { phone: mobile(rng), villageIds: [village._id] })),
  );
  users.push(user('u-officer', staffName('female'), 'officer', { phone: mobile(rng) }));
  users.push(user('u-admin', staffName('male'), 'admin', { phone: mobile(rng) }));

  // Residents linked to a roster person: the first grid of each of the first four villages, and an elderly
  // person living alone in the village's second grid (for the large-text mode).
  const firstGridOf = (v: number) => layout.villageOfGrid.indexOf(v);
  const targets: Array<{ g: number; elderly: boolean }> = [{ g: firstGridOf(0), elderly: false }];
  if (layout.gridCount > 1) targets.push({ g: 1, elderly: true });
  for (let v = 1; v < Math.min(4, layout.villageCount); v++) targets.push({ g: firstGridOf(v), elderly: false });
  const maxG = Math.max(...targets.map((t) => t.g));
  const batches = new Map<number, HouseholdBatch>();
  let g = 0;
  for (const batch of gridBatches(layout, o.seed, now, maxG)) batches.set(g++, batch);
  const taken = new Set<string>();
  let r = 0;
  for (const t of targets) {
    const batch = batches.get(t.g);
    if (!batch) continue;
    const age = (p: Person) => Number(today.slice(0, 4)) - Number(p.birthDate.slice(0, 4));
    const candidates = batch.persons.filter((p) => p.phone && !taken.has(p._id) && !p.floating);
    const chosen =
      (t.elderly ? candidates.find((p) => p.categories.includes('aloneElderly')) : undefined) ??
      candidates.find((p) => age(p) >= 20 && age(p) <= 70);
    if (!chosen) continue;
    taken.add(chosen._id);
    r += 1;
    users.push(user(`u-res-${pad(r, 2)}`, chosen.name, 'resident', { phone: chosen.phone, personId: chosen._id }));
  }
  // Residents not (yet) on the roster: a newcomer from another province, and a local who has never been registered.
  users.push(user(`u-res-${pad(++r, 2)}`, staffName('male'), 'resident', { phone: mobile(rng) }));
  users.push(user(`u-res-${pad(++r, 2)}`, staffName('female'), 'resident', { phone: mobile(rng) }));
  return { town: TOWN, villages, grids, users };
}

/** The whole town in memory: for the demo and tests (use `iterateHouseholds` for large towns). */
export function generateTown(opts: GenerateTownOptions): GeneratedTown {
  const structure = townStructure(opts);
  const households: Household[] = [];
  const persons: Person[] = [];
  for (const batch of iterateHouseholds(opts)) {
    households.push(...batch.households);
    persons.push(...batch.persons);
  }
  return { ...structure, households, persons };
}
