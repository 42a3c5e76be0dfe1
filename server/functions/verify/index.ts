// Deployable entry of the 'verify' cloud function (bundled to cloudfunctions/verify/index.js).
import { createMain } from '../../platform/action';
import { verifyActions } from './actions';
import { continueListing } from './campaigns';

export const main = createMain('verify', verifyActions, { continueListing });
