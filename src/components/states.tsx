// Loading, empty and error states. An error shows the Chinese message the server sent, never a code.
import { Text, View } from '@tarojs/components';
import type { AppError } from '../core/errors';
import { isAuthError, signOut } from '../hooks/use-session';
import { Button } from './button';

export function Loading(props: { text?: string }) {
  return (
    <View className='ui-state ui-state--loading' role='status'>
      <Text className='ui-state__text'>{props.text ?? '正在加载…'}</Text>
    </View>
  );
}

export function Empty(props: { text: string }) {
  return (
    <View className='ui-state ui-state--empty'>
      <Text className='ui-state__text'>{props.text}</Text>
    </View>
  );
}

/**
 * An error and what can help: on H5 an expired sign-in cannot be retried, so it offers 重新登录 and comes back to
 * this page; anything else offers 重试 when the caller can retry.
 */
export function ErrorState(props: { error: AppError | string; onRetry?: () => void }) {
  const message = typeof props.error === 'string' ? props.error : props.error.message;
  const signedOut = process.env.TARO_ENV === 'h5' && typeof props.error !== 'string' && isAuthError(props.error);
  return (
    <View className='ui-state ui-state--error' role='alert'>
      <Text className='ui-state__text'>{message}</Text>
      {signedOut ? (
        <View className='ui-state__action'>
          <Button kind='primary' onClick={() => signOut({ comeBack: true })}>
            重新登录
          </Button>
        </View>
      ) : props.onRetry ? (
        <View className='ui-state__action'>
          <Button kind='secondary' onClick={props.onRetry}>
            重试
          </Button>
        </View>
      ) : null}
    </View>
  );
}
