// Text as people count and read it: characters, required free text, amounts in yuan.
import { err, ok, type Result } from './errors';

/** Characters as a person counts them: code points, so an emoji or a rare 汉字 counts once. */
export function charCount(s: string): number {
  return Array.from(s).length;
}

/**
 * What a reader sees as one character (grapheme clusters: a family emoji, a flag, a letter with its accent), so a
 * cut never splits one. Code points where the engine has no `Intl.Segmenter` (older mini-program JS engines).
 */
export function graphemes(s: string): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (!Segmenter) return Array.from(s);
  return Array.from(new Segmenter('zh', { granularity: 'grapheme' }).segment(s), (part) => part.segment);
}

/**
 * At most `max` code points (as limits count), cut between whole graphemes: longer text keeps the graphemes that
 * fit before `ending` and then `ending`.
 */
export function shortenText(s: string, max: number, ending = '…'): string {
  if (charCount(s) <= max) return s;
  const room = max - charCount(ending);
  let kept = '';
  for (const g of graphemes(s)) {
    if (charCount(kept) + charCount(g) > room) break;
    kept += g;
  }
  return kept + ending;
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
