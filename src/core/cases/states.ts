// The workflow states a case can be in. Which events each kind allows in each state, and where they lead, is in graph.ts.

export const CASE_STATES = [
  'submitted',
  'awaitingConfirmation',
  'received',
  'materialsRequested',
  'awaitingInvestigation',
  'investigating',
  'awaitingDemocraticReview',
  'reviewed',
  'publicNotice',
  'awaitingTownDecision',
  'awaitingCountyDecision',
  'denied',
  'paperwork',
  'referred',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  submitted: '待分办',
  awaitingConfirmation: '待居民确认',
  received: '待受理',
  materialsRequested: '待补齐材料',
  awaitingInvestigation: '待入户调查',
  investigating: '调查核实中',
  awaitingDemocraticReview: '待民主评议',
  reviewed: '已初审',
  publicNotice: '公示中',
  awaitingTownDecision: '待审批',
  awaitingCountyDecision: '待县级审核确认',
  denied: '不予批准，待告知',
  paperwork: '已先行救助，待补齐手续',
  referred: '已转介',
  closed: '已办结',
};

/**
 * The states in a resident's words: what is happening and who is doing it, never the office's internal steps
 * ("不予批准，待告知"). Resident pages and the resident's messages use these.
 */
export const RESIDENT_STATE_LABELS: Record<CaseState, string> = {
  submitted: '已收到，等镇里分办',
  awaitingConfirmation: '等您确认',
  received: '镇里已收到，正在审核材料',
  materialsRequested: '需要您补齐材料',
  awaitingInvestigation: '等待入户调查',
  investigating: '正在调查核实',
  awaitingDemocraticReview: '正在组织民主评议',
  reviewed: '镇里已初审',
  publicNotice: '正在村里公示',
  awaitingTownDecision: '等镇里审批',
  awaitingCountyDecision: '等县里审批',
  denied: '未获批准',
  paperwork: '已先行救助，正在补办手续',
  referred: '已转交有关部门办理',
  closed: '已办结',
};

/** Every state but `closed` is open: it shows on worklists and its clocks are swept. */
export function isOpenState(state: CaseState): boolean {
  return state !== 'closed';
}
