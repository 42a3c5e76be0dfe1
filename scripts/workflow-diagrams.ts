// Renders docs/workflows.md from the core's workflow tables (src/core/cases/graph.ts): per kind a Mermaid
// stateDiagram-v2 with Chinese states and events, and a table of every step with its conditions, clocks and effects.
// Pure, so the test compares the committed file with it; scripts/workflow-docs.ts writes it.
import {
  APPLICATION_KINDS,
  CASE_EVENT_LABELS,
  CASE_KIND_LABELS,
  CASE_SOURCE_LABELS,
  CASE_SOURCES,
  CASE_STATE_LABELS,
  CASE_KINDS,
  CLOCK_STEP_LABELS,
  COMMON_EVENTS,
  ENTRY_STATES,
  WORKFLOWS,
  type CaseEventType,
  type CaseKind,
  type CaseState,
  type Edge,
  type EffectTag,
  type Workflow,
} from '../src/core/cases';
import { ROLE_LABELS } from '../src/core/roles';

export const WORKFLOW_DOCS_PATH = 'docs/workflows.md';
export const WORKFLOW_DOCS_COMMAND = 'npx tsx scripts/workflow-docs.ts';

interface Row {
  from: CaseState;
  event: CaseEventType;
  edge: Edge;
}

function rowsOf(workflow: Workflow): Row[] {
  return (Object.entries(workflow) as [CaseState, Workflow[CaseState]][]).flatMap(([from, events]) =>
    (Object.entries(events ?? {}) as [CaseEventType, Edge][]).map(([event, edge]) => ({ from, event, edge })),
  );
}

function effectLabel(tag: EffectTag): string {
  if (tag === 'createExplanationTask') return '解释说明任务';
  const [, recipient, message] = tag.split(':') as [string, keyof typeof ROLE_LABELS, string];
  return `通知${ROLE_LABELS[recipient]}（${message}）`;
}

/** Kinds that share one table are drawn once (the five referral kinds). */
function kindGroups(): CaseKind[][] {
  const groups = new Map<Workflow, CaseKind[]>();
  for (const kind of CASE_KINDS) groups.set(WORKFLOWS[kind], [...(groups.get(WORKFLOWS[kind]) ?? []), kind]);
  return [...groups.values()];
}

/** How cases of `kind` come to be: the sources that file one directly, or triage of a report. */
function entries(kind: CaseKind): { state: CaseState; label: string }[] {
  const sources = CASE_SOURCES.filter((s) =>
    kind === 'unclassified' ? ENTRY_STATES[s] === 'submitted' : ENTRY_STATES[s] !== 'submitted' && (APPLICATION_KINDS as readonly string[]).includes(kind),
  );
  const byState = new Map<CaseState, string[]>();
  for (const s of sources) byState.set(ENTRY_STATES[s], [...(byState.get(ENTRY_STATES[s]) ?? []), CASE_SOURCE_LABELS[s]]);
  if (kind !== 'unclassified') byState.set('received', [...(byState.get('received') ?? []), '分办']);
  return [...byState].map(([state, labels]) => ({ state, label: labels.join('、') }));
}

function diagram(kind: CaseKind, rows: Row[]): string[] {
  const states = new Set<CaseState>();
  for (const r of rows) {
    states.add(r.from);
    for (const t of r.edge.to) states.add(t.state);
  }
  const starts = entries(kind);
  for (const s of starts) states.add(s.state);
  // Events between the same two states share one arrow.
  const arrows = new Map<string, string[]>();
  for (const r of rows) {
    for (const t of r.edge.to) {
      const key = `${r.from} --> ${t.state}`;
      const clocks = t.clocks?.length ? `，起算${t.clocks.map((c) => CLOCK_STEP_LABELS[c]).join('、')}` : '';
      const label = `${CASE_EVENT_LABELS[r.event]}${t.when ? `［${t.when}］` : ''}${clocks}`;
      arrows.set(key, [...(arrows.get(key) ?? []), label]);
    }
  }
  return [
    '```mermaid',
    'stateDiagram-v2',
    ...[...states].map((s) => `  state "${CASE_STATE_LABELS[s]}" as ${s}`),
    ...starts.map((s) => `  [*] --> ${s.state} : ${s.label}`),
    ...[...arrows].map(([key, labels]) => `  ${key} : ${labels.join('<br/>')}`),
    ...(states.has('closed') ? ['  closed --> [*]'] : []),
    '```',
  ];
}

function table(rows: Row[]): string[] {
  const cell = (items: string[]) => items.join('；') || '—';
  return [
    '| 环节 | 事件 | 条件 | 去向 | 起算时限 | 通知与任务 |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.flatMap((r) =>
      r.edge.to.map((t) => {
        const clocks = (t.clocks ?? []).map((c) => CLOCK_STEP_LABELS[c]);
        const effects = (t.effects ?? []).map(effectLabel);
        return `| ${CASE_STATE_LABELS[r.from]} | ${CASE_EVENT_LABELS[r.event]} | ${t.when ?? '—'} | ${CASE_STATE_LABELS[t.state]} | ${cell(clocks)} | ${cell(effects)} |`;
      }),
    ),
  ];
}

export function renderWorkflowDocs(): string {
  const common = COMMON_EVENTS.map((e) => CASE_EVENT_LABELS[e]);
  const lines = [
    '# 办件流程图',
    '',
    `<!-- Generated from src/core/cases/graph.ts by \`${WORKFLOW_DOCS_COMMAND}\`; do not edit by hand. -->`,
    '',
    'Each kind of case follows its own table of states and events (src/core/cases/graph.ts); `transition` refuses an',
    'event the table does not list and checks every step against its row. Where an event can lead to several states,',
    'the condition is in ［brackets］. Clocks are the statutory limits the step starts (docs/rules.md).',
    '',
    `Besides the steps drawn, every open state allows ${common.slice(0, 2).join('、')} (→ ${CASE_STATE_LABELS.closed}; ${common[0]} not after a denial), and every state allows ${common[2]} (the state stays). A change of state also notifies the resident and the town office.`,
  ];
  for (const kinds of kindGroups()) {
    const rows = rowsOf(WORKFLOWS[kinds[0]!]);
    lines.push('', `## ${kinds.map((k) => CASE_KIND_LABELS[k]).join('、')}`, '', ...diagram(kinds[0]!, rows), '', ...table(rows));
  }
  return `${lines.join('\n')}\n`;
}
