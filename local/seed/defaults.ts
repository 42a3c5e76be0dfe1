// The demo town's defaults, in their own module so the generator and the visit schedule (which the generator
// calls) both read them without importing each other.
export const DEFAULT_SEED = 20260101;
