/** `#/queue` is the queue; `#/queue/<case id>` is one case, opened from it (the sidebar keeps "Queue" lit). */
import { lazy, Suspense } from 'react';
import { useLocation } from '../../shell-services/router';
import { QueueView } from './QueueView';

const CaseView = lazy(() => import('../case/CaseView').then((m) => ({ default: m.CaseView })));

export function QueueRoute() {
  const { segments } = useLocation();
  const caseId = segments[1];
  if (caseId === undefined) return <QueueView />;
  return (
    <Suspense fallback={null}>
      <CaseView key={caseId} caseId={caseId} />
    </Suspense>
  );
}
