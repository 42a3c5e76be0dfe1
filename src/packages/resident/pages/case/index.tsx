// A resident's own case: where it stands, when to expect an answer, and what they are asked to do (confirm a proxy
// application, answer a missing-materials notice). Once a proxy application is confirmed, the plain subscription
// question follows (issue 15).
import { CASE_STATUS_KEYS } from '@/client/subscribe';
import { CasePage } from '@/components/case-detail';
import { useSubscriptionOffer } from '@/hooks/use-subscription-offer';

export default function ResidentCasePage() {
  const { askAfterSubmit } = useSubscriptionOffer(CASE_STATUS_KEYS);
  return (
    <CasePage
      onSent={(type) => {
        if (type === 'confirmByResident') askAfterSubmit();
      }}
    />
  );
}
