// A case in the worker's grids (or the cadre's village): status, what the town asked for, and the worker's steps
// (paper confirmation, materials, public notice for cadres, the explanation after a denial).
import { CasePage } from '@/components/case-detail';

export default CasePage;
