// One-time codes of onboarding (issue 9): drawn from the core's unambiguous alphabet with the platform's randomness,
// and stored only as a hash (an invitation code, a resident's link code).
import { createHash, randomBytes } from 'node:crypto';
import { codeFromBytes } from '../../src/core/onboarding';

export function newCode(length: number): string {
  return codeFromBytes(randomBytes(length), length);
}

/** What a code is stored and found by. */
export function codeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
