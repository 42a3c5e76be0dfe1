// Deployable entry of the 'cases' cloud function (bundled to cloudfunctions/cases/index.js).
import { createMain } from '../../platform/action';
import { caseActions } from './actions';
import { sweepClocks } from './sweep';

export const main = createMain('cases', caseActions, { sweepClocks });
