// Deployable entry of the 'people' cloud function (bundled to cloudfunctions/people/index.js).
import { createMain } from '../../platform/action';
import { peopleActions } from './actions';
import { continueImports } from './ledger';

export const main = createMain('people', peopleActions, { continueImports });
