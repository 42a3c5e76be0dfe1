// 走访: the caller's households due a visit — overdue, today, this week — grouped by household (issue 4).
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@/components/button';
import { SignedInPage } from '@/components/signed-in';
import { VisitWorklist } from '@/components/visit-worklist';
import { ROUTES } from '@/routes';

export default function VisitsPage() {
  return (
    <SignedInPage title='走访' subtitle='按风险等级定期走访，一次走访可以覆盖全户'>
      {(me) => (
        <>
          <VisitWorklist me={me} />
          <View className='ui-state__action'>
            <Button kind='secondary' block onClick={() => void Taro.navigateTo({ url: ROUTES.plans })}>
              跟踪帮扶计划
            </Button>
          </View>
        </>
      )}
    </SignedInPage>
  );
}
