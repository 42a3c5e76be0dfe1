// Dates and moments on pages never break over two lines (issue 15): the formatter joins them; the browser test
// (test/e2e/accessibility.test.ts) checks the rendered lines of every page.
import { formatTime, unbroken } from '../../src/components/format-time';

describe('dates on one line', () => {
  it('joins a moment so no line break falls inside it, and it reads the same', () => {
    const shown = formatTime(Date.UTC(2026, 11, 7, 0, 30));
    expect(shown).toBe('2026-\u206012-\u206007\u00a008:30');
    expect(shown.replace(/\u2060/g, '').replace(/\u00a0/g, ' ')).toBe('2026-12-07 08:30');
  });

  it('joins the dates inside a message and leaves the rest of its text breakable', () => {
    expect(unbroken('受理响应期限 2026-12-08，2026-12 起发放 a b')).toBe('受理响应期限 2026-\u206012-\u206008，2026-\u206012 起发放 a b');
  });
});
