// A resident's own case: where it stands, its deadline, and what they are asked to do (confirm a proxy application,
// answer a missing-materials notice). Confirming a proxy application offers the case's status messages in the tap.
import { CASE_STATUS_KEYS } from '@/client/subscribe';
import { CasePage } from '@/components/case-detail';
import { useSubscriptionOffer } from '@/hooks/use-subscription-offer';

export default function ResidentCasePage() {
  const { ask } = useSubscriptionOffer(CASE_STATUS_KEYS);
  return (
    <CasePage
      onSubmitTap={(type) => {
        if (type === 'confirmByResident') ask();
      }}
    />
  );
}
