import { RoleHome } from '@/components/role-home';
import { ROUTES } from '@/routes';

export default function WorkerHomePage() {
  return <RoleHome route={ROUTES.workerHome} title='网格工作' />;
}
