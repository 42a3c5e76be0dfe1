// The town office's case page: the whole file with its audit trail and a form for every step the workflow allows now.
import { CasePage } from '@/components/case-detail';

export default CasePage;
