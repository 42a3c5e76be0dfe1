// Deployable entry of the 'visits' cloud function (bundled to cloudfunctions/visits/index.js).
import { createMain } from '../../platform/action';
import { visitActions } from './actions';
import { warningTimers } from './warnings';

export const main = createMain('visits', visitActions, warningTimers);
