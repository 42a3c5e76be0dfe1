// WeChat's privacy authorisation (weapp): when a privacy API waits, every page shows our prompt — what we collect
// and why, the full guide, 拒绝 / 同意 — and the answer releases the waiting call in WeChat's shape.
import './support/env';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import { PageFrame } from '../../src/components/page-frame';
import { installPrivacyPrompt, needPrivacyAuthorization } from '../../src/client/privacy';
import { PRIVACY_APIS } from '../../src/core/privacy';
import Taro from './mocks/taro';

function Page() {
  return (
    <PageFrame title='上传材料'>
      <Text>页面内容</Text>
    </PageFrame>
  );
}

describe('privacy prompt', () => {
  it('shows nothing until WeChat asks; 拒绝 answers disagree, 同意 answers agree with the tapped button', () => {
    render(<Page />);
    expect(screen.queryByRole('dialog')).toBeNull();

    const first = jest.fn();
    act(() => needPrivacyAuthorization(first));
    const dialog = screen.getByRole('dialog', { name: '隐私保护提示' });
    for (const { purpose } of PRIVACY_APIS) expect(dialog.textContent).toContain(purpose);
    expect(first).toHaveBeenCalledWith({ event: 'exposureAuthorization' });

    const openContract = jest.fn();
    (Taro as unknown as { openPrivacyContract: unknown }).openPrivacyContract = openContract;
    fireEvent.click(screen.getByRole('link', { name: '查看完整的《隐私保护指引》' }));
    expect(openContract).toHaveBeenCalled();

    fireEvent.click(screen.getByText('拒绝'));
    expect(first).toHaveBeenLastCalledWith({ event: 'disagree' });
    expect(screen.queryByRole('dialog')).toBeNull();

    // Two calls waiting at once: one 同意 releases both.
    const second = jest.fn();
    const third = jest.fn();
    act(() => {
      needPrivacyAuthorization(second);
      needPrivacyAuthorization(third);
    });
    const agree = screen.getByText('同意');
    expect(agree.id).toBe('privacy-agree');
    fireEvent.click(agree);
    expect(second).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' });
    expect(third).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('on H5 installs nothing (WeChat’s privacy API does not exist there)', () => {
    expect(process.env.TARO_ENV).toBe('h5');
    const register = jest.fn();
    (Taro as unknown as { onNeedPrivacyAuthorization: unknown }).onNeedPrivacyAuthorization = register;
    installPrivacyPrompt();
    expect(register).not.toHaveBeenCalled();

    process.env.TARO_ENV = 'weapp';
    try {
      installPrivacyPrompt();
    } finally {
      process.env.TARO_ENV = 'h5';
    }
    expect(register).toHaveBeenCalledTimes(1);
  });
});
