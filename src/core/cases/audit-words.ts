// A case's audit trail in words (RULES §29: the office reads who did what). The server records a reason as the
// source or event code, with the actor's note after '：', so the record stays machine-readable; this says it in Chinese.
import { CASE_SOURCE_LABELS } from './case-record';
import { CASE_EVENT_LABELS } from './events';

export function caseAuditWhy(why: string): string {
  const [code = '', ...note] = why.split('：');
  const word = (CASE_EVENT_LABELS as Record<string, string>)[code] ?? (CASE_SOURCE_LABELS as Record<string, string>)[code];
  return word ? [word, ...note].join('：') : why;
}
