// Text as people count and read it: characters, required free text, amounts in yuan.
import { err, ok, type Result } from './errors';

/** Characters as a person counts them: code points, so an emoji or a rare 汉字 counts once. */
export function charCount(s: string): number {
  return Array.from(s).length;
}

/** Trimmed text that must be present and at most `max` long; `what` names it in the message ('请填写处理结果'). */
export function requiredText(value: string, what: string, max: number): Result<string> {
  const t = value.trim();
  if (!t) return err('INPUT.INVALID', `请填写${what}`);
  if (t.length > max) return err('INPUT.INVALID', `${what}不能超过${max}字`);
  return ok(t);
}

/** An amount in yuan to the fen, as the town writes it: '1234.5元'. */
export function formatYuan(yuan: number): string {
  return `${Math.round(yuan * 100) / 100}元`;
}
