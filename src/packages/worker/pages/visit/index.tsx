// 走访记录 (issue 4): one visit covers the whole household — each member answered on the checklist (policies
// delivered, still in hardship, uncovered at risk, the six 无人 problems, a child in danger), a major change,
// notes, photos, location, and the follow-up plan's items. The form and its draft are in visit-form.tsx and
// use-visit-form.ts; the household around it in household-record.tsx.
import { useRef, useState } from 'react';
import { call } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { err } from '@/core/errors';
import { PageFrame } from '@/components/page-frame';
import { ErrorState, Loading } from '@/components/states';
import { useResult } from '@/hooks/use-result';
import { useQueryParam } from '@/hooks/use-query-param';
import '@/components/visits-style';
import { HouseholdRecord, HouseholdSummary, ResultCard } from './household-record';
import type { HouseholdView, Recorded } from './types';
import { VisitForm } from './visit-form';

export default function VisitPage() {
  const householdId = useQueryParam('householdId');
  const planId = useQueryParam('planId') || null;
  const found = useResult(
    () => (householdId ? call('visits', 'household', { householdId }) : Promise.resolve(err('RECORD.NOT_FOUND'))),
    [householdId],
    { keys: [['household', householdId]] },
  );
  const [result, setResult] = useState<Recorded | null>(null);
  // While the household reloads after a visit, the page keeps showing what it had.
  const shown = useRef<HouseholdView | null>(null);
  if (found.status === 'ok') shown.current = found.data;
  const view = shown.current;
  if (!view) {
    return (
      <PageFrame title='走访'>
        {found.status === 'error' ? <ErrorState error={found.error} onRetry={found.reload} /> : <Loading />}
      </PageFrame>
    );
  }
  const h = view.household;
  return (
    <PageFrame title={`${h.headName}户`} subtitle={h.address}>
      <HouseholdSummary view={view} />
      {result ? (
        <ResultCard result={result} members={view.members} />
      ) : (
        <VisitForm
          view={view}
          planId={planId}
          onRecorded={(recorded) => {
            setResult(recorded);
            // The household here, its members' schedules, the worklists, and the issues and plan it touched.
            invalidate(['household', h._id], ['person'], ['people'], ['visits'], ['issues'], ['plans']);
          }}
        />
      )}
      <HouseholdRecord view={view} />
    </PageFrame>
  );
}
