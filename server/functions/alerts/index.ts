// Deployable entry of the 'alerts' cloud function (bundled to cloudfunctions/alerts/index.js).
import { createMain } from '../../platform/action';
import { alertActions, escalateDue } from './actions';

export const main = createMain('alerts', alertActions, { escalateDue });
