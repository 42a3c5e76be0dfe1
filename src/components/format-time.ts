// How a moment reads on every page: 'YYYY-MM-DD HH:mm' in Beijing time, whatever the device's time zone. The date
// and the time are joined by a no-break space, so a narrow line never splits one moment over two lines.
import { formatInBeijing } from '../core/calendar';

export function formatTime(ms: number): string {
  return formatInBeijing(ms, 'YYYY-MM-DD\u00a0HH:mm');
}
