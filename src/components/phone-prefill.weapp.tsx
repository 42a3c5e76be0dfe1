// weapp: WeChat's phone-number button (getPhoneNumber). Its one-time `detail.code` is resolved by the server
// (session.phoneNumber → phonenumber.getPhoneNumber); never required — the resident may just type the number.
import { Button } from '@tarojs/components';
import { call } from '../client/call';

export function PhonePrefill(props: { onPhone: (phone: string) => void; onError: (message: string) => void }) {
  async function got(code: string | undefined): Promise<void> {
    if (!code) return; // refused or not available: the resident types it
    const res = await call('session', 'phoneNumber', { code });
    if (res.ok) props.onPhone(res.data.phone);
    else props.onError(res.error.message);
  }
  return (
    <Button className='ui-button ui-button--plain' openType='getPhoneNumber' onGetPhoneNumber={(e) => void got((e.detail as { code?: string }).code)}>
      使用微信绑定的手机号
    </Button>
  );
}
