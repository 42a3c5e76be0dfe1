// Deployable entry of the 'referrals' cloud function (bundled to cloudfunctions/referrals/index.js). Its clocks are
// swept by the cases function's `sweepClocks` trigger (server/referrals/sweep.ts).
import { createMain } from '../../platform/action';
import { referralActions } from './actions';

export const main = createMain('referrals', referralActions);
