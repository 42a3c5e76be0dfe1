// Who is signed in, as what, where — with the large-text switch and (on H5) sign-out.
import { Text, View } from '@tarojs/components';
import { areaOf, signOut, type Me } from '../hooks/use-session';
import { Button } from './button';
import { Card } from './card';
import { LargeTextSwitch } from './large-text-switch';
import { Tag } from './tag';

export function SessionCard(props: { me: Me }) {
  const { me } = props;
  return (
    <Card>
      <Text className='ui-who__name'>{me.name}</Text>
      <View className='ui-who__area'>
        <Tag>{me.roleLabel}</Tag>
        <Text>{areaOf(me)}</Text>
      </View>
      <LargeTextSwitch />
      {process.env.TARO_ENV === 'h5' ? (
        <View className='ui-who__foot'>
          <Button kind='plain' onClick={signOut}>
            退出登录
          </Button>
        </View>
      ) : null}
    </Card>
  );
}
