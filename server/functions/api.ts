// The typed surface of every cloud function: the client derives its call types from here (type-only).
import type { ActionTypes } from '../platform/action';
import type { sessionActions } from './session/actions';
import type { peopleActions } from './people/actions';
import type { adminActions } from './admin/actions';
import type { caseActions } from './cases/actions';
import type { visitActions } from './visits/actions';
import type { notifyActions } from './notify/actions';
import type { alertActions } from './alerts/actions';
import type { referralActions } from './referrals/actions';
import type { reportActions } from './reports/actions';
import type { verifyActions } from './verify/actions';

export interface Api {
  session: ActionTypes<typeof sessionActions>;
  people: ActionTypes<typeof peopleActions>;
  admin: ActionTypes<typeof adminActions>;
  cases: ActionTypes<typeof caseActions>;
  visits: ActionTypes<typeof visitActions>;
  notify: ActionTypes<typeof notifyActions>;
  alerts: ActionTypes<typeof alertActions>;
  referrals: ActionTypes<typeof referralActions>;
  reports: ActionTypes<typeof reportActions>;
  verify: ActionTypes<typeof verifyActions>;
}

export type FunctionName = keyof Api;
