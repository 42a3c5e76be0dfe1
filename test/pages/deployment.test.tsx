import './support/env';
import { cleanup, render, screen } from '@testing-library/react';
import AdminHome from '../../src/packages/admin/pages/home/index';
import OfficerHome from '../../src/packages/officer/pages/home/index';
import { db } from '../../server/platform/cloud';
import { COLLECTIONS } from '../../server/platform/collections';
import { freshApp, signInAs, stopRuntime } from './support/runtime';

beforeEach(async () => {
  await freshApp();
});
afterAll(() => stopRuntime());

describe('half-finished deployment', () => {
  it('the admin home names the function that runs another build; other homes say nothing', async () => {
    const admin = await signInAs('admin');
    render(<AdminHome />);
    expect(await screen.findByText(admin.name)).toBeTruthy();
    expect(screen.queryByText(/部署不完整/)).toBeNull();

    await db().collection(COLLECTIONS.deployments).doc('visits').set({ data: { fn: 'visits', version: '0.0.1+old', at: 1 } });
    cleanup();
    await freshApp();
    await signInAs('admin');
    render(<AdminHome />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^部署不完整：云函数 visits（版本 0\.0\.1\+old）与当前版本 dev 不一致/);

    cleanup();
    await freshApp();
    const officer = await signInAs('officer');
    render(<OfficerHome />);
    expect(await screen.findByText(officer.name)).toBeTruthy();
    expect(screen.queryByText(/部署不完整/)).toBeNull();
  });
});
