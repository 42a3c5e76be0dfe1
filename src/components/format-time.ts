// How a moment reads on every page: 'YYYY-MM-DD HH:mm' in Beijing time, whatever the device's time zone, kept on
// one line: a narrow line never splits a date or a moment over two lines.
import { formatInBeijing } from '../core/calendar';

const DATE_OR_MOMENT = /\d{4}-\d{2}(?:-\d{2})?(?: \d{2}:\d{2})?/g;

/**
 * Text whose dates and moments do not break: a word joiner (U+2060, invisible) after each of their hyphens, since
 * browsers break after a hyphen before a digit, and a no-break space between a date and its time.
 */
export function unbroken(text: string): string {
  return text.replace(DATE_OR_MOMENT, (date) => date.replace(/-/g, '-\u2060').replace(' ', '\u00a0'));
}

export function formatTime(ms: number): string {
  return unbroken(formatInBeijing(ms, 'YYYY-MM-DD HH:mm'));
}
