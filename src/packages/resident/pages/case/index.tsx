// A resident's own case: where it stands, its deadline, and what they are asked to do (confirm a proxy application,
// answer a missing-materials notice).
import { CasePage } from '@/components/case-detail';

export default CasePage;
