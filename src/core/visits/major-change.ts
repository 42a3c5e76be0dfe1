// Major changes in a household (重大变故): recorded by a worker, they force a visit and feed monitoring.
import { z } from 'zod';
import { CLOCK_SKEW_MS } from '../calendar';
import { err, ok, type Result } from '../errors';

// RULES §25: hospitalised, death in the family, disaster (and lost income, issue 4) are the major changes; RULES §9:
// a change in who lives in the household too (issue 15: a resident reports it when applying).
export const MAJOR_CHANGE_LABELS = {
  hospitalised: '住院',
  deathInFamily: '家庭成员去世',
  disaster: '遭受灾害',
  lostIncome: '失去收入来源',
  householdSize: '家庭人口变化',
} as const;
export type MajorChangeKind = keyof typeof MAJOR_CHANGE_LABELS;
export const MAJOR_CHANGE_KINDS = Object.keys(MAJOR_CHANGE_LABELS) as MajorChangeKind[];
export const majorChangeKindSchema = z.enum(MAJOR_CHANGE_KINDS as [MajorChangeKind, ...MajorChangeKind[]]);

/**
 * A major change reported late is still recorded, up to this long after it happened: RULES §9 makes a change
 * reported more than 3 months late a monitoring warning, so the late report itself must be accepted.
 */
export const MAJOR_CHANGE_BACKDATE_MAX_MS = 5 * 366 * 86_400_000;

/** When a reported change happened: not ahead of now (beyond clock drift), not further back than the limit above. */
export function checkMajorChangeTime(occurredAt: number, now: number): Result<number> {
  if (occurredAt > now + CLOCK_SKEW_MS || occurredAt < now - MAJOR_CHANGE_BACKDATE_MAX_MS) return err('INPUT.INVALID', '发生时间不正确');
  return ok(occurredAt);
}

/** A major change as the schedule and monitoring read it: what happened, and when it became known (epoch ms). */
export interface MajorChangeFact {
  kind: MajorChangeKind;
  at: number;
}
