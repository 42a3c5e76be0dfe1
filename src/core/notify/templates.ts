// Which in-app messages are also sent as WeChat subscription messages, and through which template (PRODUCT flow 6).
// The template ids and the field mapping are configuration per cloud environment (cloudfunctions/notify/
// templates.json); what each template is for, who receives it, and the values it may use are the domain's.
import { z } from 'zod';
import { minutesIntoBeijingDay } from '../calendar';
import type { Role } from '../roles';
import { fieldTypeOf, type FieldSource } from './fields';

/** Values every message offers: its title and body, when it was posted (time/date fields), and its link. */
export const BASE_VALUES = ['title', 'body', 'createdAt'] as const;

export interface TemplatePurpose {
  label: string;
  /** Who subscribes to it (the `subscriptions` list per role). */
  roles: readonly Role[];
  /** In-app message types (`messages.type`) sent through it. */
  messageTypes: readonly string[];
  /** Values beyond BASE_VALUES that the posting code supplies. */
  values: readonly string[];
}

export const SUBSCRIPTION_TEMPLATES = {
  // To residents: their case.
  caseProgress: { label: '申请办理进度', roles: ['resident'], messageTypes: ['stateChanged'], values: [] },
  caseMaterials: { label: '补齐材料通知', roles: ['resident'], messageTypes: ['missingMaterials'], values: [] },
  caseDecision: { label: '审批结果通知', roles: ['resident'], messageTypes: ['decision', 'referral.outcome'], values: [] },
  proxyConfirm: { label: '代办申请待确认', roles: ['resident'], messageTypes: ['confirmProxy'], values: [] },
  // To gridworkers: visits due, their issues' outcomes, alert roll calls.
  visitDigest: { label: '每日走访提醒', roles: ['gridworker'], messageTypes: ['visit.digest'], values: ['dueTomorrow', 'overdue', 'date'] },
  issueOutcome: {
    label: '问题处理结果',
    roles: ['gridworker', 'cadre'],
    messageTypes: ['issue.assignIssue', 'issue.resolveIssue', 'issue.reopenIssue'],
    values: [],
  },
  alertRollCall: { label: '一拉就响点名', roles: ['gridworker', 'cadre'], messageTypes: ['alert.rollCall'], values: ['reason', 'count', 'deadline', 'instructions'] },
  // To the town office (and a village's cadre for escalated roll calls).
  caseClock: { label: '办理时限提醒', roles: ['officer'], messageTypes: ['clockDueSoon', 'clockBreached', 'clockMovedEarlier', 'referral.dueSoon', 'referral.breached'], values: [] },
  urgentReport: {
    label: '紧急情况提醒',
    roles: ['officer', 'cadre'],
    messageTypes: ['urgentReport', 'visit.alert', 'alert.escalated'],
    values: ['reason', 'count', 'deadline'],
  },
} as const satisfies Record<string, TemplatePurpose>;

export type TemplateKey = keyof typeof SUBSCRIPTION_TEMPLATES;

/**
 * Messages that cannot wait for the 10-minute sweep: roll calls and their escalation (PRODUCT flow 7), urgent
 * discovery reports and visit alerts (RULES §26–27: reported immediately). The action that posts one sends it at once.
 */
export const URGENT_MESSAGE_TYPES: readonly string[] = ['alert.rollCall', 'alert.escalated', 'urgentReport', 'visit.alert'];

export function isUrgentMessage(messageType: string): boolean {
  return URGENT_MESSAGE_TYPES.includes(messageType);
}
export const TEMPLATE_KEYS = Object.keys(SUBSCRIPTION_TEMPLATES) as TemplateKey[];

/** The template a message type goes through, if it is sent as a subscription message at all. */
export function templateKeyFor(messageType: string): TemplateKey | undefined {
  return TEMPLATE_KEYS.find((key) => (SUBSCRIPTION_TEMPLATES[key].messageTypes as readonly string[]).includes(messageType));
}

/** The templates a role subscribes to. */
export function templateKeysFor(role: Role): TemplateKey[] {
  return TEMPLATE_KEYS.filter((key) => (SUBSCRIPTION_TEMPLATES[key].roles as readonly Role[]).includes(role));
}

const fieldSourceSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const templateConfigSchema = z
  .object({
    /** The template id from the mini-program's subscription-message console. */
    templateId: z.string().min(1).max(128),
    /** Template field key (`thing1`, `time2` …) → which of our values fills it. */
    fields: z.record(fieldSourceSchema).refine((f) => Object.keys(f).length > 0, 'a template needs at least one field'),
  })
  .strict();
export type TemplateConfig = z.infer<typeof templateConfigSchema>;

export const environmentConfigSchema = z
  .object({
    /** `developer` | `trial` | `formal`: which build of the mini-program a tapped message opens. */
    miniprogramState: z.enum(['developer', 'trial', 'formal']).default('formal'),
    /** The page a tapped message opens; the message's link is passed as `?link=`. */
    page: z.string().min(1).default('pages/index/index'),
    templates: z.record(templateConfigSchema),
  })
  .strict();
export type EnvironmentConfig = z.infer<typeof environmentConfigSchema>;

export const templatesFileSchema = z.object({ environments: z.record(environmentConfigSchema) }).passthrough();

/**
 * Checks one environment's configuration against the catalogue: known template keys, known field types, and
 * sources that name values the template offers. Returns the problems (empty when the configuration is sound).
 */
export function checkEnvironmentConfig(config: EnvironmentConfig): string[] {
  const problems: string[] = [];
  for (const [key, template] of Object.entries(config.templates)) {
    const purpose = (SUBSCRIPTION_TEMPLATES as Record<string, TemplatePurpose>)[key];
    if (!purpose) {
      problems.push(`${key}: not a template purpose (${TEMPLATE_KEYS.join(', ')})`);
      continue;
    }
    const offered = new Set<string>([...BASE_VALUES, ...purpose.values]);
    for (const [field, source] of Object.entries(template.fields) as [string, FieldSource][]) {
      if (!fieldTypeOf(field)) problems.push(`${key}.${field}: unknown field type`);
      for (const name of typeof source === 'string' ? [source] : source) {
        if (!offered.has(name)) problems.push(`${key}.${field}: "${name}" is not a value of this template (${[...offered].join(', ')})`);
      }
    }
  }
  return problems;
}

// PRODUCT flow 6: the gridworkers' visit digest goes out each morning. WeChat gives a function one timer trigger, so
// the 10-minute sender trigger also posts the day's digest in the morning window; a day whose window passed with
// the function down gets none (by then the workers have planned their day; the next morning's counts supersede it).
/** Minutes after Beijing midnight within which the day's digest is posted: 08:30 to 10:00. */
export const DIGEST_WINDOW_MINUTES = { from: 8 * 60 + 30, until: 10 * 60 } as const;

/** Whether the sender's run at `now` posts the day's digest first. */
export function isDigestTime(now: number): boolean {
  const minute = minutesIntoBeijingDay(now);
  return minute >= DIGEST_WINDOW_MINUTES.from && minute < DIGEST_WINDOW_MINUTES.until;
}
