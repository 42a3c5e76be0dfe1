// The role × action matrix of docs/role-action-matrix.md is the specification: every action of every function is
// called as a seeded user of every role, and is refused with ROLE.FORBIDDEN exactly where the table says "—".
// The table is compared with the product's answers, not with the action definitions' own role lists.
import { readFileSync } from 'fs';
import { join } from 'path';
import { FUNCTION_TABLES } from '../../server/functions/registry';
import type { FunctionName } from '../../server/functions/api';
import { ROLES, type Role } from '../../src/core/roles';
import { freshTown, rawCall, usersOf } from './harness';

jest.setTimeout(120_000);

const MATRIX_FILE = join(__dirname, '../../docs/role-action-matrix.md');
const COLUMNS: Record<string, Role> = { 居民: 'resident', 网格员: 'gridworker', 村干部: 'cadre', 镇民政办: 'officer', 管理员: 'admin' };

/** action ("fn.action") → the roles the table allows. */
function readMatrix(): Map<string, Set<Role>> {
  const rows = readFileSync(MATRIX_FILE, 'utf8').split('\n').filter((line) => line.startsWith('|'));
  const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());
  const header = cells(rows[0]);
  const roleAt = header.map((h) => COLUMNS[h.split(' ')[0]]);
  expect(new Set(roleAt.filter(Boolean))).toEqual(new Set(ROLES));
  const out = new Map<string, Set<Role>>();
  for (const line of rows.slice(2)) {
    const row = cells(line);
    const allowed = new Set<Role>();
    row.forEach((cell, i) => {
      if (!roleAt[i]) return;
      if (cell !== '✓' && cell !== '—') throw new Error(`${row[0]}: cell "${cell}" is neither ✓ nor —`);
      if (cell === '✓') allowed.add(roleAt[i]);
    });
    if (out.has(row[0])) throw new Error(`${row[0]} is listed twice`);
    out.set(row[0], allowed);
  }
  return out;
}

const matrix = readMatrix();
const registered = Object.entries(FUNCTION_TABLES).flatMap(([fn, table]) => Object.keys(table).map((action) => `${fn}.${action}`));

beforeAll(() => freshTown());

it('lists every action of every function, and no other', () => {
  expect([...matrix.keys()].sort()).toEqual([...registered].sort());
});

describe.each(ROLES)('as a seeded %s', (role) => {
  it('is refused exactly the actions the matrix denies it', async () => {
    const [user] = await usersOf(role);
    expect(user).toBeDefined();
    const mismatches: string[] = [];
    for (const name of registered) {
      const [fn, action] = name.split('.') as [FunctionName, string];
      const answer = (await rawCall(user.openid, fn, { action, input: {} })) as { ok: boolean; error?: { code: string } };
      const allowed = answer.ok || answer.error?.code !== 'ROLE.FORBIDDEN';
      const expected = matrix.get(name)?.has(role) ?? false;
      if (allowed !== expected) mismatches.push(`${name}: matrix says ${expected ? '✓' : '—'}, product ${allowed ? 'allows' : 'refuses'}`);
    }
    expect(mismatches).toEqual([]);
  });
});
