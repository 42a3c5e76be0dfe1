// H5 has no camera scan: the gridworker types the resident's link code (link-scan.weapp.tsx scans it in WeChat).
export function LinkScan(_props: { onCode: (code: string) => void }) {
  return null;
}
