// One referral for the grid's staff (issue 13): where it went, where it stands and the office's answer, to follow the
// family up; the town office records the answers on its own page.
import { StaffReferralPage } from '@/components/referral-view';

export default function WorkerReferralPage() {
  return <StaffReferralPage />;
}
