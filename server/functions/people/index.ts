// Deployable entry of the 'people' cloud function (bundled to cloudfunctions/people/index.js).
import { createMain } from '../../platform/action';
import { peopleActions } from './actions';

export const main = createMain('people', peopleActions);
