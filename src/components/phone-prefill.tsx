// The optional phone prefill: only WeChat has the phone-number button (phone-prefill.weapp.tsx); on H5 nothing shows
// and the resident types their number.
export function PhonePrefill(_props: { onPhone: (phone: string) => void; onError: (message: string) => void }) {
  return null;
}
