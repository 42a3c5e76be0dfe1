// weapp: scans the Code 39 barcode on the resident's 关联本人信息 page (Taro.scanCode) into the link-code field.
import Taro from '@tarojs/taro';
import { Button } from './button';

export function LinkScan(props: { onCode: (code: string) => void }) {
  async function scan(): Promise<void> {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['barCode'] });
      if (result) props.onCode(result);
    } catch {
      // Cancelled: the code can still be typed.
    }
  }
  return (
    <Button kind='plain' block onClick={() => void scan()}>
      扫码
    </Button>
  );
}
