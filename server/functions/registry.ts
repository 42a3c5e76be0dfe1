// Every deployable cloud function by name. Its folder under cloudfunctions/ carries the same name.
import type { FunctionName } from './api';
import { main as session } from './session';
import { main as people } from './people';
import { main as admin } from './admin';

export type FunctionMain = (event: unknown, context?: unknown) => Promise<unknown>;

export const FUNCTION_MAINS: Record<FunctionName, FunctionMain> = { session, people, admin };
