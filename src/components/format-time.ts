// How a moment reads on every page: 'YYYY-MM-DD HH:mm' in Beijing time, whatever the device's time zone.
import { formatInBeijing } from '../core/calendar';

export function formatTime(ms: number): string {
  return formatInBeijing(ms, 'YYYY-MM-DD HH:mm');
}
