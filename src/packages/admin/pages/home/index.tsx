import { RoleHome } from '@/components/role-home';
import { ROUTES } from '@/routes';

export default function AdminHomePage() {
  return <RoleHome route={ROUTES.adminHome} title='系统管理' />;
}
