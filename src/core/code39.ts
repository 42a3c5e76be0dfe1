// Code 39 (ISO/IEC 16388), drawn without a library so a resident's link code can be scanned at a visit with
// WeChat's scanCode (issue 9). Each character is 9 elements — bar, space, bar … bar — of which 3 are wide: 2 bars
// and 1 space. The table follows the standard's structure: four groups share one wide-space position, and within
// a group the ten characters share the same ten pairs of wide bars.

/** Characters by the position (1, 3, 5 or 7) of their wide space. */
const GROUPS: Record<number, string> = { 3: '1234567890', 5: 'ABCDEFGHIJ', 7: 'KLMNOPQRST', 1: 'UVWXYZ-. *' };

/** The two wide bars (of bars 0–4) of the 1st … 10th character of every group. */
const WIDE_BARS: readonly [number, number][] = [
  [0, 4], [1, 4], [0, 1], [2, 4], [0, 2], [1, 2], [3, 4], [0, 3], [1, 3], [2, 3],
];

const PATTERNS = new Map<string, boolean[]>();
for (const [space, chars] of Object.entries(GROUPS)) {
  [...chars].forEach((ch, i) => {
    const wide = Array<boolean>(9).fill(false);
    wide[Number(space)] = true;
    for (const bar of WIDE_BARS[i]!) wide[bar * 2] = true;
    PATTERNS.set(ch, wide);
  });
}

export interface Code39Element {
  bar: boolean;
  wide: boolean;
}

/** The elements of `text` between the start/stop characters (*), with a narrow gap between characters. */
export function code39(text: string): Code39Element[] {
  const out: Code39Element[] = [];
  for (const ch of text) if (ch === '*' || !PATTERNS.has(ch)) throw new Error(`Code 39 cannot encode "${ch}"`);
  for (const ch of `*${text}*`) {
    const wide = PATTERNS.get(ch)!;
    if (out.length > 0) out.push({ bar: false, wide: false });
    wide.forEach((w, i) => out.push({ bar: i % 2 === 0, wide: w }));
  }
  return out;
}
