// Every cases action against every role: the role gate of the action table holds at the function boundary,
// and scoped actions refuse a filter outside the caller's area.
import { caseActions } from '../../server/functions/cases/actions';
import { ROLES } from '../../src/core/roles';
import { callAs, freshTown, usersOf, type DemoUser } from './harness';

const users: Partial<Record<(typeof ROLES)[number], DemoUser[]>> = {};

beforeAll(async () => {
  await freshTown();
  for (const role of ROLES) users[role] = await usersOf(role);
});

describe.each(Object.entries(caseActions))('cases.%s', (action, def) => {
  it.each([...ROLES])('%s passes the role gate only if the action allows it', async (role) => {
    const res = await callAs(users[role]![0].openid, 'cases', action as keyof typeof caseActions, {} as never);
    const refusedByRole = !res.ok && res.error.code === 'ROLE.FORBIDDEN';
    expect(refusedByRole).toBe(!def.roles.includes(role));
  });
});

describe('scoped filters', () => {
  it('refuses a worklist filter outside the caller’s grids or village', async () => {
    const [worker] = users.gridworker!;
    const other = users.gridworker!.find((w) => !w.gridIds.includes(worker.gridIds[0]))!;
    expect(await callAs(worker.openid, 'cases', 'worklist', { gridId: other.gridIds[0] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    const [cadre] = users.cadre!;
    const otherCadre = users.cadre!.find((c) => c.villageIds[0] !== cadre.villageIds[0])!;
    expect(await callAs(cadre.openid, 'cases', 'worklist', { villageId: otherCadre.villageIds[0] })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await callAs(users.officer![0].openid, 'cases', 'worklist', { villageId: otherCadre.villageIds[0] })).toMatchObject({ ok: true });
  });
});
