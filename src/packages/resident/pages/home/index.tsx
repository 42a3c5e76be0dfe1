import { RoleHome } from '@/components/role-home';
import { ROUTES } from '@/routes';

export default function ResidentHomePage() {
  return <RoleHome route={ROUTES.residentHome} title='你好' />;
}
