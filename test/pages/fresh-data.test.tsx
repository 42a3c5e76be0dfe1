// Issue 15: every page shows the state just saved. Taro keeps the pages below the top one mounted; a save on the
// top page invalidates what it changed (src/client/invalidate.ts) and those pages load it again, without a reload.
import './support/env';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import PersonPage from '../../src/packages/worker/pages/person/index';
import PersonEditPage from '../../src/packages/worker/pages/person-edit/index';
import { invalidate } from '../../src/client/invalidate';
import { useResult } from '../../src/hooks/use-result';
import { ok } from '../../src/core/errors';
import { db } from '../../server/platform/cloud';
import { taroMock } from './mocks/taro';
import { freshApp, signInAs, stopRuntime } from './support/runtime';
import { callsTo } from './support/page';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

/** A page of the stack, in its own container (Taro mounts each page on its own). */
function mountPage(page: JSX.Element): HTMLElement {
  const container = document.body.appendChild(document.createElement('section'));
  render(page, { container });
  return container;
}

describe('a save refreshes the mounted pages that show it', () => {
  it('the person page below shows the tier saved on the edit page, without a reload, and after going back', async () => {
    const me = await signInAs('gridworker');
    const user = (await db().collection('users').where({ _id: me.userId }).get()).data[0] as { gridIds: string[] };
    const person = (await db().collection('persons').where({ gridId: user.gridIds[0], riskTier: 'general' }).limit(1).get()).data[0] as { _id: string };
    taroMock.router.params = { id: person._id };

    const below = mountPage(<PersonPage />);
    await within(below).findByText('类别与风险');
    const tiers = () => within(within(below).getByText('类别与风险').closest('.ui-card') as HTMLElement).queryByText('高风险');
    expect(tiers()).toBeNull();

    const top = mountPage(<PersonEditPage />);
    await within(top).findByText('风险与类别');
    const loadsBefore = callsTo('people', 'get').length;
    fireEvent.click(within(within(top).getByRole('radiogroup', { name: '风险等级' })).getByText('高风险'));
    fireEvent.click(within(top).getByText('保存'));
    expect(await within(top).findByText(/已保存。下次走访/)).toBeTruthy();

    // The page below loaded the person again by itself and shows the new tier.
    await waitFor(() => expect(tiers()).not.toBeNull());
    expect(callsTo('people', 'get').length).toBeGreaterThan(loadsBefore);

    // Going back (the edit page closes): the page below is fresh, with no loading state in between.
    top.remove();
    expect(tiers()).not.toBeNull();
    expect(within(below).queryByText('正在加载…')).toBeNull();
  });
});

describe('invalidate', () => {
  function Probe(props: { keys: (string | number)[][]; load: () => void }) {
    const { keys, load } = props;
    const found = useResult(
      () => {
        load();
        return Promise.resolve(ok('shown'));
      },
      [load],
      { keys },
    );
    return <span>{found.status}</span>;
  }

  it('reloads a load whose key the invalidated key is a prefix of, and no other', async () => {
    const loads = { person: 0, other: 0, roster: 0 };
    render(
      <>
        <Probe keys={[['person', 'p1']]} load={() => (loads.person += 1)} />
        <Probe keys={[['person', 'p2']]} load={() => (loads.other += 1)} />
        <Probe keys={[['people']]} load={() => (loads.roster += 1)} />
      </>,
    );
    await waitFor(() => expect(screen.getAllByText('ok')).toHaveLength(3));
    invalidate(['person', 'p1']);
    await waitFor(() => expect(loads).toEqual({ person: 2, other: 1, roster: 1 }));
    invalidate(['person']);
    await waitFor(() => expect(loads).toEqual({ person: 3, other: 2, roster: 1 }));
    invalidate(['visits']);
    expect(loads).toEqual({ person: 3, other: 2, roster: 1 });
  });
});
