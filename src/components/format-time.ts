// How a moment reads on every page: 'YYYY-MM-DD HH:mm' in Beijing time, whatever the device's time zone.
import { BEIJING_OFFSET_MS, beijingDate } from '../core/calendar';

export function formatTime(ms: number): string {
  const minutes = Math.floor((ms + BEIJING_OFFSET_MS) / 60_000) % (24 * 60);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${beijingDate(ms)} ${hh}:${mm}`;
}
