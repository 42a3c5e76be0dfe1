// Writes docs/workflows.md from the workflow tables: `npx tsx scripts/workflow-docs.ts` after changing graph.ts
// (test/domain/cases/workflow-docs.test.ts fails until the file matches).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderWorkflowDocs, WORKFLOW_DOCS_PATH } from './workflow-diagrams';

writeFileSync(join(__dirname, '..', WORKFLOW_DOCS_PATH), renderWorkflowDocs());
console.log(`wrote ${WORKFLOW_DOCS_PATH}`);
