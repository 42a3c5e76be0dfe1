// Deployable entry of the 'reports' cloud function (bundled to cloudfunctions/reports/index.js).
import { createMain } from '../../platform/action';
import { reportActions } from './actions';
import { tallyGrids } from './tally';

export const main = createMain('reports', reportActions, { tallyGrids });
