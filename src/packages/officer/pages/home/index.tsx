import { RoleHome } from '@/components/role-home';
import { ROUTES } from '@/routes';

export default function OfficerHomePage() {
  return <RoleHome route={ROUTES.officerHome} title='民政办工作台' />;
}
