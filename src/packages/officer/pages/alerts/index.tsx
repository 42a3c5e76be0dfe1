// 一拉就响 (issue 5, PRODUCT flow 7): the officer's alerts, open and closed, each with its reason, villages,
// deadline, share reached and state; 发起预警 opens the raise form, a row its live board.
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { AlertList } from '@/components/alert-view';
import { Button } from '@/components/button';
import { SignedInPage } from '@/components/signed-in';
import { ROUTES } from '@/routes';

export default function AlertsPage() {
  return (
    <SignedInPage title='一拉就响' subtitle='恶劣天气、疫情时，让网格员立即逐一联系困难群众'>
      {(me) => (
        <>
          {me.role === 'officer' ? (
            <View className='ui-alert-actions'>
              <Button block onClick={() => void Taro.navigateTo({ url: ROUTES.alertRaise })}>
                发起预警
              </Button>
            </View>
          ) : null}
          <AlertList target={ROUTES.alertBoard} empty='还没有发起过预警' />
        </>
      )}
    </SignedInPage>
  );
}
