// How a moment reads on every page: 'YYYY-MM-DD HH:mm' in Beijing time, whatever the device's time zone, kept on
// one line: a narrow line never splits a date or a moment over two lines.
import { formatInBeijing } from '../core/calendar';

/**
 * A date or moment that does not break: a word joiner (U+2060, invisible) after each hyphen, since browsers break
 * after a hyphen before a digit, and a no-break space between the date and the time.
 */
export function unbroken(text: string): string {
  return text.replace(/-/g, '-\u2060').replace(/ /g, '\u00a0');
}

export function formatTime(ms: number): string {
  return unbroken(formatInBeijing(ms, 'YYYY-MM-DD HH:mm'));
}
