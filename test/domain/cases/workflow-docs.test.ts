// The workflow diagrams in docs/ are the tables' own: the committed file equals what the script renders now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderWorkflowDocs, WORKFLOW_DOCS_COMMAND, WORKFLOW_DOCS_PATH } from '../../../scripts/workflow-diagrams';
import { CASE_KINDS, CASE_STATE_LABELS, WORKFLOWS } from '../../../src/core/cases';

test(`${WORKFLOW_DOCS_PATH} matches the workflow tables`, () => {
  const committed = readFileSync(join(__dirname, '..', '..', '..', WORKFLOW_DOCS_PATH), 'utf8');
  if (committed !== renderWorkflowDocs()) {
    throw new Error(`${WORKFLOW_DOCS_PATH} is out of date with src/core/cases/graph.ts: run \`${WORKFLOW_DOCS_COMMAND}\` and commit the result`);
  }
});

test('every state of every table is drawn with its Chinese label', () => {
  const doc = renderWorkflowDocs();
  for (const kind of CASE_KINDS) {
    for (const state of Object.keys(WORKFLOWS[kind])) expect(doc).toContain(`state "${CASE_STATE_LABELS[state as keyof typeof CASE_STATE_LABELS]}" as ${state}`);
  }
});
