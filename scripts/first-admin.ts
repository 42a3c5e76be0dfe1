// The first admin of a new deployment (issue 9): nobody can issue them an invitation yet, so this prints one — a
// pending admin record and its invitation (only the code's hash) — to import in the cloud console (数据库 → users /
// invitations → 导入, JSON Lines), and the code to bind with on the 绑定工作账号 page within 72 hours.
//   npx tsx scripts/first-admin.ts --name 张三
import type { Invitation } from '../src/core/onboarding';
import { INVITATION_CODE_LENGTH, INVITATION_VALID_MS } from '../src/core/onboarding';
import type { User } from '../src/core/records';
import { unboundOpenid } from '../server/functions/admin/invitations';
import { codeHash, newCode } from '../server/platform/codes';
import { opaqueId } from '../server/platform/identity';

export function firstAdminRecords(name: string, now: number): { code: string; user: User; invitation: Invitation } {
  const userId = opaqueId();
  const code = newCode(INVITATION_CODE_LENGTH);
  const meta = { createdAt: now, updatedAt: now, version: 0 };
  const user: User = { _id: userId, ...meta, openid: unboundOpenid(userId), name, role: 'admin', gridIds: [], villageIds: [] };
  const invitation: Invitation = { _id: opaqueId(), ...meta, userId, codeHash: codeHash(code), state: 'pending', expiresAt: now + INVITATION_VALID_MS, issuedBy: 'first-admin-script' };
  return { code, user, invitation };
}

if (require.main === module) {
  const at = process.argv.indexOf('--name');
  const name = at > 0 ? (process.argv[at + 1] ?? '').trim() : '';
  if (!name || name.length > 30) {
    console.error('用法：npx tsx scripts/first-admin.ts --name <管理员姓名>');
    process.exit(1);
  }
  const { code, user, invitation } = firstAdminRecords(name, Date.now());
  console.log(`# users 集合导入（JSON Lines）：\n${JSON.stringify(user)}\n`);
  console.log(`# invitations 集合导入（JSON Lines）：\n${JSON.stringify(invitation)}\n`);
  console.log(`# ${name}在小程序「绑定工作账号」页输入邀请码（72小时内有效，只能用一次）：\n${code}`);
}
