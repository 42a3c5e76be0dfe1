// The WeChat privacy APIs the mini-program calls (RULES §28), each with what it collects and why, in the words the
// privacy prompt shows. The mp console's 用户隐私保护指引 must declare every one of them (docs/deployment.md),
// else WeChat refuses the call; test/deploy/privacy-apis.test.ts fails when src/ calls one that is not listed here.
export interface PrivacyApi {
  /** The wx / Taro API, or the Button openType for the phone number. */
  api: string;
  /** The console's 用户隐私保护指引 item it falls under. */
  declaration: string;
  /** What we collect and why, for the prompt. */
  purpose: string;
}

export const PRIVACY_APIS: readonly PrivacyApi[] = [
  { api: 'chooseImage', declaration: '照片或视频信息', purpose: '照片：上传求助、走访和申请材料的照片' },
  { api: 'chooseMedia', declaration: '照片或视频信息', purpose: '照片：上传求助、走访和申请材料的照片' },
  { api: 'chooseMessageFile', declaration: '选中的文件', purpose: '文件：镇民政办导入台账和核查比对结果表格' },
  { api: 'setClipboardData', declaration: '剪切板', purpose: '剪切板：复制导出的表格和邀请码' },
  { api: 'getPhoneNumber', declaration: '手机号', purpose: '手机号：居民可选择用微信绑定的手机号填写联系电话' },
  { api: 'getLocation', declaration: '位置信息', purpose: '位置：记录上门走访时所在的位置' },
  { api: 'chooseLocation', declaration: '选择的位置信息', purpose: '位置：求助时标注需要帮助的地点' },
];

/** What the prompt lists: each purpose once. */
export function privacyPurposes(): string[] {
  return [...new Set(PRIVACY_APIS.map((entry) => entry.purpose))];
}
