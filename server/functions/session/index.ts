// Deployable entry of the 'session' cloud function (bundled to cloudfunctions/session/index.js).
import { createMain } from '../../platform/action';
import { sessionActions } from './actions';

export const main = createMain('session', sessionActions);
