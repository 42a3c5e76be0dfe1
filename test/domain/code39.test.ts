import { code39 } from '../../src/core/code39';
import { CODE_ALPHABET } from '../../src/core/onboarding';

const asText = (text: string) => code39(text).map((e) => (e.bar ? (e.wide ? 'B' : 'b') : e.wide ? 'S' : 's')).join('');

describe('Code 39 for link codes', () => {
  it('draws the standard patterns (start/stop, a digit, letters of each group)', () => {
    // Reference patterns from ISO/IEC 16388 (wide = 1, elements bar/space alternating): * 010010100, 1 100100001,
    // A 100001001, K 100000011, U 110000001, 0 000110100.
    const pattern = (bits: string) => [...bits].map((b, i) => (i % 2 === 0 ? (b === '1' ? 'B' : 'b') : b === '1' ? 'S' : 's')).join('');
    const star = pattern('010010100');
    for (const [ch, bits] of Object.entries({ '1': '100100001', A: '100001001', K: '100000011', U: '110000001', '0': '000110100', Z: '011010000', T: '000010110' })) {
      expect(asText(ch)).toBe(`${star}s${pattern(bits)}s${star}`);
    }
  });

  it('encodes every character a link code uses: 9 elements each, 3 of them wide (2 bars, 1 space)', () => {
    for (const ch of CODE_ALPHABET) {
      const one = code39(ch).slice(10, 19);
      expect(one.filter((e) => e.wide && e.bar)).toHaveLength(2);
      expect(one.filter((e) => e.wide && !e.bar)).toHaveLength(1);
    }
    expect(code39('ABCD2345')).toHaveLength(10 * 9 + 9);
    expect(() => code39('a')).toThrow(/cannot encode/);
    expect(() => code39('A*B')).toThrow(/cannot encode/);
  });
});
