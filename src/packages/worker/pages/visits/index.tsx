// 走访: the caller's visit plan — households due today, in the next 7 days, later, and those overdue — grouped by
// household (issues 4, 15). 逾期清单 is the other tile: only what is overdue, visits and issues.
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@/components/button';
import { SignedInPage } from '@/components/signed-in';
import { VisitWorklist } from '@/components/visit-worklist';
import { ROUTES } from '@/routes';

export default function VisitsPage() {
  return (
    <SignedInPage title='走访' subtitle='我的走访计划：按到期日分组，一次走访可以覆盖全户'>
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
