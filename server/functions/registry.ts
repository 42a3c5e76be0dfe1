// Every deployable cloud function by name, with its action table. Its folder under cloudfunctions/ has the same name.
import type { ActionTable } from '../platform/action';
import type { FunctionName } from './api';
import { main as session } from './session';
import { main as people } from './people';
import { main as admin } from './admin';
import { sessionActions } from './session/actions';
import { peopleActions } from './people/actions';
import { adminActions } from './admin/actions';

export type FunctionMain = (event: unknown, context?: unknown) => Promise<unknown>;

export const FUNCTION_MAINS: Record<FunctionName, FunctionMain> = { session, people, admin };

export const FUNCTION_TABLES: Record<FunctionName, ActionTable> = {
  session: sessionActions,
  people: peopleActions,
  admin: adminActions,
};
