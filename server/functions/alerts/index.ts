// Deployable entry of the 'alerts' cloud function (bundled to cloudfunctions/alerts/index.js).
import { createMain } from '../../platform/action';
import { alertActions } from './actions';
import { escalateDue } from './escalation';

export const main = createMain('alerts', alertActions, { escalateDue });
