// A core rule answers with a Result; inside a handler its failure stops the call with the same coded error
// (the function boundary, action.ts, turns it back into `{ ok: false, error }`).
import { AppFailure, type Result } from '../../src/core/errors';

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new AppFailure(result.error.code, result.error.message, result.error.details);
  return result.data;
}
