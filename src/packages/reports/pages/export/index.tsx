// 导出 (issue 12): choose what to export (and, for the town office, one village or the whole town), the server
// writes the .xlsx masked for the caller's role and audits it, and the file opens from its short-lived link.
import { useState } from 'react';
import { View } from '@tarojs/components';
import { call } from '@/client/call';
import { openSpreadsheet } from '@/client/open-document';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Chips } from '@/components/chips';
import { Notice } from '@/components/form';
import { SignedInPage } from '@/components/signed-in';
import { EXPORT_KINDS, EXPORT_KIND_LABELS, type ExportKind } from '@/core/reports';
import { useResult } from '@/hooks/use-result';
import type { Me } from '@/hooks/use-session';
import '../../reports-style';

function ExportForm(props: { me: Me }) {
  const [kind, setKind] = useState<ExportKind>('roster');
  const [villageId, setVillageId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'danger'; text: string } | null>(null);
  const officer = props.me.role === 'officer';
  const villages = useResult(() => (officer ? call('session', 'areas', {}) : Promise.resolve({ ok: true as const, data: [] })), [officer]);

  async function run(): Promise<void> {
    setBusy(true);
    setNotice(null);
    try {
      const res = await call('reports', 'export', { kind, ...(villageId ? { villageId } : {}) });
      if (!res.ok) return setNotice({ tone: 'danger', text: res.error.message });
      const opened = await openSpreadsheet(res.data.url, res.data.fileName).catch(() => '文件已生成，但没能打开，请重试');
      setNotice({ tone: 'ok', text: `共 ${res.data.rows} 行。${opened}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title='导出 Excel'>
      <Chips label='导出内容' noAll options={EXPORT_KINDS.map((k) => ({ value: k, label: EXPORT_KIND_LABELS[k] }))} value={kind} onChange={(v) => v && setKind(v as ExportKind)} />
      {officer && villages.status === 'ok' ? (
        <Chips label='范围' allLabel='全镇' options={villages.data.map((v) => ({ value: v._id, label: v.name }))} value={villageId} onChange={setVillageId} />
      ) : null}
      <View className='rp-note'>身份证号、电话按您的权限显示；每次导出都会记录在案。</View>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <Button kind='primary' block disabled={busy} onClick={() => void run()}>
        {busy ? '正在生成…' : '导出'}
      </Button>
    </Card>
  );
}

export default function ExportPage() {
  return <SignedInPage title='导出' subtitle='花名册、办件、走访记录、问题督办'>{(me) => <ExportForm me={me} />}</SignedInPage>;
}
