// A client request id for a create: kept with the draft until the server has the record, so a retry after a
// dropped answer returns the first record instead of filing twice (the cases function's create-once).
export function newRequestId(): string {
  const random = Math.random().toString(36).slice(2, 12).padEnd(10, '0');
  return `r-${Date.now().toString(36)}-${random}`;
}
