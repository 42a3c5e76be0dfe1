// Deployable entry of the 'cases' cloud function (bundled to cloudfunctions/cases/index.js).
import { createMain } from '../../platform/action';
import { caseActions, sweepClocks } from './actions';

export const main = createMain('cases', caseActions, { sweepClocks });
