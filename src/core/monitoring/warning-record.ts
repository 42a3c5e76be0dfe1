// Stored monitoring warnings and their lifecycle: open → acknowledged → resolved, by the town office.
// Transitions are pure: (warning, event) → next warning + the patch to persist with a version check.
import { z } from 'zod';
import { err, ok, type Result } from '../errors';
import { recordMeta } from '../records';
import type { Role } from '../roles';
import { requiredText } from '../text';
import { WARNING_TYPE_KEYS, type ComputedWarning, type WarningType } from './warnings';

export const WARNING_RESOLUTION_MAX = 500;

export const WARNING_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type WarningState = (typeof WARNING_STATES)[number];
export const WARNING_STATE_LABELS: Readonly<Record<WarningState, string>> = { open: '待处理', acknowledged: '已知悉', resolved: '已处理' };
/** Still the town office's to handle. */
export const UNRESOLVED_WARNING_STATES = ['open', 'acknowledged'] as const satisfies readonly WarningState[];
/** The warning list's filters: a state, the unresolved, or all. */
export const WARNING_FILTERS = ['unresolved', ...WARNING_STATES, 'all'] as const;
export type WarningFilter = (typeof WARNING_FILTERS)[number];
export const WARNING_FILTER_LABELS: Readonly<Record<WarningFilter, string>> = { unresolved: '未处理完', ...WARNING_STATE_LABELS, all: '全部' };

export const warningSchema = z.object({
  ...recordMeta,
  type: z.enum(WARNING_TYPE_KEYS as [WarningType, ...WarningType[]]),
  rule: z.string(),
  message: z.string(),
  householdId: z.string(),
  personId: z.string().nullable(),
  gridId: z.string(),
  villageId: z.string(),
  dueDate: z.string(),
  dueAt: z.number(),
  dueEstimated: z.boolean(),
  state: z.enum(WARNING_STATES),
  acknowledgedAt: z.number().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  resolvedAt: z.number().nullable(),
  resolvedBy: z.string().nullable(),
});
export type Warning = z.infer<typeof warningSchema>;

/** The record to insert for a computed warning; its `_id` is the warning key, so a second sweep inserts nothing new. */
export function newWarningRecord(w: ComputedWarning, now: number): Warning {
  return {
    _id: w.key,
    createdAt: now,
    updatedAt: now,
    version: 0,
    type: w.type,
    rule: w.rule,
    message: w.message,
    householdId: w.householdId,
    personId: w.personId,
    gridId: w.gridId,
    villageId: w.villageId,
    dueDate: w.dueDate,
    dueAt: w.dueAt,
    dueEstimated: w.dueEstimated,
    state: 'open',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolution: null,
    resolvedAt: null,
    resolvedBy: null,
  };
}

/** Computed warnings not stored yet (by key). */
export function unstoredWarnings(computed: readonly ComputedWarning[], storedKeys: Iterable<string>): ComputedWarning[] {
  const stored = new Set(storedKeys);
  const seen = new Set<string>();
  return computed.filter((w) => !stored.has(w.key) && !seen.has(w.key) && seen.add(w.key));
}

/** RULES §9 (issue 4): a warning not resolved by its due instant is overdue. */
export function isWarningOverdue(w: Pick<Warning, 'state' | 'dueAt'>, now: number): boolean {
  return w.state !== 'resolved' && now > w.dueAt;
}
export const WARNING_OVERDUE_LABEL = '已过期限';

// ---------------------------------------------------------------------------------------------------------------
// Lifecycle

export type WarningAction = 'acknowledge' | 'resolve';
// docs/product.md, issue 4: the town office sees, acknowledges and resolves monitoring warnings.
export const WARNING_ACTION_ROLES: Readonly<Record<WarningAction, readonly Role[]>> = {
  acknowledge: ['officer'],
  resolve: ['officer'],
};
const ALLOWED_FROM: Readonly<Record<WarningAction, readonly WarningState[]>> = {
  acknowledge: ['open'],
  resolve: ['open', 'acknowledged'],
};
const ACTION_LABELS: Readonly<Record<WarningAction, string>> = { acknowledge: '标记为已知悉', resolve: '办结' };

export interface WarningActor {
  _id: string;
  role: Role;
}

export interface WarningTransition {
  warning: Warning;
  /** The changed fields, for `updateVersioned`. */
  patch: Partial<Warning>;
  from: WarningState;
  to: WarningState;
  why?: string;
}

function guard(w: Warning, actor: WarningActor, action: WarningAction): Result<true> {
  if (!WARNING_ACTION_ROLES[action].includes(actor.role)) return err('ROLE.FORBIDDEN', '只有镇民政办可以处理监测预警');
  if (!ALLOWED_FROM[action].includes(w.state)) {
    return err('WARNING.INVALID_TRANSITION', `预警当前为“${WARNING_STATE_LABELS[w.state]}”，不能${ACTION_LABELS[action]}`);
  }
  return ok(true);
}

function transition(w: Warning, patch: Partial<Warning>, at: number, why?: string): WarningTransition {
  const next = { ...w, ...patch, updatedAt: at };
  const t: WarningTransition = { warning: next, patch, from: w.state, to: next.state };
  if (why !== undefined) t.why = why;
  return t;
}

export function acknowledgeWarning(w: Warning, actor: WarningActor, at: number): Result<WarningTransition> {
  const g = guard(w, actor, 'acknowledge');
  if (!g.ok) return g;
  return ok(transition(w, { state: 'acknowledged', acknowledgedAt: at, acknowledgedBy: actor._id }, at));
}

/** Resolve with what was done (re-checked, exited, re-applied …). */
export function resolveWarning(w: Warning, actor: WarningActor, resolution: string, at: number): Result<WarningTransition> {
  const g = guard(w, actor, 'resolve');
  if (!g.ok) return g;
  const r = requiredText(resolution, '处理结果', WARNING_RESOLUTION_MAX);
  if (!r.ok) return r;
  return ok(transition(w, { state: 'resolved', resolution: r.data, resolvedAt: at, resolvedBy: actor._id }, at, r.data));
}
