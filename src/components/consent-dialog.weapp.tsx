// weapp: WeChat shows its own subscription dialog (wx.requestSubscribeMessage), so pages host nothing.
export function ConsentHost() {
  return null;
}
