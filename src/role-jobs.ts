// Each role's core jobs (docs/product.md, "Who uses it"), as home-page entry points, each opening its page.
import type { Role } from './core/roles';
import { ROUTES, type Route } from './routes';

export interface Job {
  key: string;
  label: string;
  hint: string;
  /** One character shown in the tile's circle. */
  glyph: string;
  route: Route;
  /** The route's query, where two jobs open one page in different views. */
  query?: Record<string, string>;
}

const roster: Job = { key: 'roster', label: '花名册', hint: '重点人群底数', glyph: '册', route: ROUTES.roster };
const structure: Job = { key: 'structure', label: '村和网格', hint: '网格与责任人', glyph: '格', route: ROUTES.structure };
const ledgerImport: Job = { key: 'import', label: '台账导入', hint: '从表格导入花名册', glyph: '入', route: ROUTES.ledgerImport };
// Every role's messages (issue 5); the home shows the unread count in the message centre's hint.
const messages: Job = { key: 'messages', label: '消息中心', hint: '站内消息', glyph: '息', route: ROUTES.messages };
const subscriptions: Job = { key: 'subscribe', label: '消息提醒', hint: '订阅微信消息提醒', glyph: '信', route: ROUTES.subscriptions };
const outbox: Job = { key: 'outbox', label: '发件箱', hint: '消息发送记录', glyph: '发', route: ROUTES.outbox };

const gridworkerJobs: Job[] = [
  roster,
  // Issue 15: two distinct purposes — the visit plan by due date, and only what is already overdue.
  { key: 'visits', label: '走访', hint: '我的走访计划', glyph: '访', route: ROUTES.visits },
  { key: 'discover', label: '主动发现', hint: '上报困难线索', glyph: '现', route: ROUTES.discover },
  { key: 'proxy', label: '帮办代办', hint: '代为申请救助', glyph: '办', route: ROUTES.proxy },
  { key: 'gridCases', label: '网格办件', hint: '申请进度、解释说明', glyph: '件', route: ROUTES.gridCases },
  { key: 'followUp', label: '跟踪帮扶', hint: '帮扶任务', glyph: '扶', route: ROUTES.plans },
  { key: 'rollCall', label: '一拉就响', hint: '预警点名', glyph: '响', route: ROUTES.rollCalls },
  { key: 'linkRequests', label: '居民关联', hint: '确认居民本人信息', glyph: '联', route: ROUTES.linkRequests },
  { key: 'overdue', label: '逾期清单', hint: '逾期走访和超期问题', glyph: '期', route: ROUTES.overdue },
  { key: 'rechecks', label: '入户复核', hint: '核查疑点上门核实', glyph: '复', route: ROUTES.rechecks },
];

export const JOBS: Record<Role, readonly Job[]> = {
  resident: [
    { key: 'selfReport', label: '我要求助', hint: '说说遇到的困难', glyph: '助', route: ROUTES.selfReport },
    { key: 'apply', label: '申请救助', hint: '低保、特困、临时救助', glyph: '申', route: ROUTES.apply },
    { key: 'selfCheck', label: '一分钟自测', hint: '看看能否申请', glyph: '测', route: ROUTES.selfCheck },
    { key: 'guide', label: '政策指南', hint: '谁能申请、带什么、多久办好', glyph: '策', route: ROUTES.guide },
    { key: 'villageNotices', label: '村务公示', hint: '本村公示和异议', glyph: '示', route: ROUTES.villageNotices },
    // Issue 15: one page, two views — only what waits for the resident's confirmation, or all their cases.
    { key: 'confirmProxy', label: '确认代办', hint: '确认网格员代为申请', glyph: '认', route: ROUTES.myCases, query: { show: 'confirm' } },
    { key: 'myCases', label: '我的办件', hint: '办理进度', glyph: '件', route: ROUTES.myCases },
    { key: 'link', label: '关联本人信息', hint: '让网格员确认是你本人', glyph: '联', route: ROUTES.residentLink },
    { ...subscriptions, hint: '订阅办理进度' },
    messages,
    // A new staff member's WeChat opens as a resident until it is bound with the admin's invitation code.
    { key: 'bind', label: '绑定工作账号', hint: '工作人员凭邀请码绑定', glyph: '绑', route: ROUTES.bind },
  ],
  gridworker: [...gridworkerJobs, { key: 'gridOverview', label: '网格概览', hint: '本网格总体情况', glyph: '概', route: ROUTES.dashboard }, messages, subscriptions],
  cadre: [
    ...gridworkerJobs,
    { key: 'notices', label: '村务公示', hint: '发布公示', glyph: '示', route: ROUTES.notices },
    { key: 'review', label: '民主评议', hint: '记录评议结果', glyph: '议', route: ROUTES.review },
    { key: 'villageOverview', label: '村情概览', hint: '本村总体情况', glyph: '村', route: ROUTES.dashboard },
    messages,
    subscriptions,
  ],
  officer: [
    { key: 'worklist', label: '待办工作台', hint: '法定时限提醒', glyph: '办', route: ROUTES.worklist },
    roster,
    structure,
    { key: 'keyHouseholds', label: '重点户', hint: '重点户名单', glyph: '重', route: ROUTES.keyHouseholds },
    { key: 'referrals', label: '转介', hint: '医疗、教育、住房等', glyph: '转', route: ROUTES.referrals },
    { key: 'issues', label: '问题督办', hint: '发现问题到办结', glyph: '督', route: ROUTES.issues },
    { key: 'objections', label: '公示异议', hint: '答复村务公示异议', glyph: '异', route: ROUTES.objections },
    { key: 'guide', label: '政策指南', hint: '编辑本镇政策指南', glyph: '策', route: ROUTES.guide },
    { key: 'warnings', label: '监测预警', hint: '低收入人口动态监测', glyph: '警', route: ROUTES.warnings },
    { key: 'search', label: '查找人员', hint: '姓名、证件或电话后4位', glyph: '查', route: ROUTES.search },
    { key: 'visitsOverview', label: '走访督导', hint: '各村逾期走访', glyph: '访', route: ROUTES.visits },
    ledgerImport,
    { key: 'alerts', label: '一拉就响', hint: '发起预警点名', glyph: '响', route: ROUTES.alerts },
    { key: 'verify', label: '核查', hint: '逢进必核、定期核查', glyph: '核', route: ROUTES.verify },
    { key: 'dashboard', label: '数据看板', hint: '全镇、村、网格', glyph: '看', route: ROUTES.dashboard },
    { key: 'export', label: '导出', hint: '导出 Excel', glyph: '导', route: ROUTES.exports },
    messages,
    subscriptions,
    outbox,
  ],
  admin: [
    { ...structure, hint: '村、网格与网格员', route: ROUTES.areas },
    { key: 'users', label: '用户与角色', hint: '人员、角色与分工', glyph: '人', route: ROUTES.users },
    { key: 'settings', label: '规则设置', hint: '本地规则与默认值', glyph: '设', route: ROUTES.settings },
    messages,
    outbox,
  ],
};
