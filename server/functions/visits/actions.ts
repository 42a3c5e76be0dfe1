// The 'visits' cloud function (issue 4): worklists, recording visits, issues, follow-up plans, monitoring warnings.
import type { ActionTable } from '../../platform/action';
import { issueActions } from './issues';
import { planActions } from './plans';
import { recordActions } from './record';
import { warningActions } from './warnings';
import { worklistActions } from './worklist';

export const visitActions = {
  ...worklistActions,
  ...recordActions,
  ...issueActions,
  ...planActions,
  ...warningActions,
} satisfies ActionTable;
