// Deployable entry of the 'notify' cloud function (bundled to cloudfunctions/notify/index.js).
import { createMain } from '../../platform/action';
import { notifyActions, notifyTimers } from './actions';

export const main = createMain('notify', notifyActions, notifyTimers);
