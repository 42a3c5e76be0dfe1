import type { ChildProcess } from 'node:child_process';

export default async function globalTeardown(): Promise<void> {
  (globalThis as { __E2E_RUNTIME__?: ChildProcess }).__E2E_RUNTIME__?.kill('SIGTERM');
}
