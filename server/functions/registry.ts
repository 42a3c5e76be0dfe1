// Every deployable cloud function by name, with its action table. Its folder under cloudfunctions/ has the same name.
import type { ActionTable } from '../platform/action';
import type { FunctionName } from './api';
import { main as session } from './session';
import { main as people } from './people';
import { main as admin } from './admin';
import { main as cases } from './cases';
import { main as visits } from './visits';
import { main as notify } from './notify';
import { main as alerts } from './alerts';
import { main as referrals } from './referrals';
import { main as reports } from './reports';
import { main as verify } from './verify';
import { sessionActions } from './session/actions';
import { peopleActions } from './people/actions';
import { adminActions } from './admin/actions';
import { caseActions } from './cases/actions';
import { visitActions } from './visits/actions';
import { notifyActions } from './notify/actions';
import { alertActions } from './alerts/actions';
import { referralActions } from './referrals/actions';
import { reportActions } from './reports/actions';
import { verifyActions } from './verify/actions';

export type FunctionMain = (event: unknown, context?: unknown) => Promise<unknown>;

export const FUNCTION_MAINS: Record<FunctionName, FunctionMain> = { session, people, admin, cases, visits, notify, alerts, referrals, reports, verify };

export const FUNCTION_TABLES: Record<FunctionName, ActionTable> = {
  session: sessionActions,
  people: peopleActions,
  admin: adminActions,
  cases: caseActions,
  visits: visitActions,
  notify: notifyActions,
  alerts: alertActions,
  referrals: referralActions,
  reports: reportActions,
  verify: verifyActions,
};
