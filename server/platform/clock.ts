// Server time. The local runtime may shift it (tests of deadlines and sweeps); in WeChat the offset is unset.
export function now(): number {
  const offset = Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0);
  return Date.now() + (Number.isFinite(offset) ? offset : 0);
}
