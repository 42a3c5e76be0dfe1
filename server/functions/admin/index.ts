// Deployable entry of the 'admin' cloud function (bundled to cloudfunctions/admin/index.js).
import { createMain } from '../../platform/action';
import { adminActions } from './actions';

export const main = createMain('admin', adminActions);
