// 台账导入: the existing ledger from Excel (.xlsx, or CSV in UTF-8 or GBK) into the roster (issues 4, 12). The template lists the
// columns; a check shows each faulty row by number; a file with any error writes nothing; importing the same file
// again changes nothing (rows are keyed by ID number). A large file is written in the background: a progress bar
// follows it until it is done.
import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { newRequestId } from '@/client/request-id';
import { ProgressBar } from '@/components/alert-view';
import { openSpreadsheet } from '@/client/open-document';
import { pickSpreadsheet } from '@/client/spreadsheet-file';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Notice } from '@/components/form';
import { Field } from '@/components/list-row';
import { SignedInPage } from '@/components/signed-in';
import { useLive } from '@/hooks/use-live';
import { useResult } from '@/hooks/use-result';
import '@/components/visits-style';

type Checked = ActionOutput<'people', 'import'>;
type RowError = Checked['errors'][number];

function ErrorList(props: { errors: readonly RowError[] }) {
  return (
    <View className='ui-error-list' role='list' aria-label='有错误的行'>
      {props.errors.map((e, i) => (
        <View key={i} className='ui-error-list__item' role='listitem'>
          {e.text}
        </View>
      ))}
    </View>
  );
}

/** How often the page asks how far a background import has come. */
const PROGRESS_EVERY_MS = 1500;

function doneText(d: Checked): string {
  return `导入完成：新增${d.created}人、${d.households}户；已在花名册中的${d.unchanged}人未改动`;
}

/** A running import: the bar, then the outcome once the last part is written. */
function ImportProgress(props: { jobId: string }) {
  const live = useLive(() => call('people', 'importProgress', { jobId: props.jobId }), [props.jobId], { everyMs: PROGRESS_EVERY_MS });
  const finished = live.status === 'ok' && live.data.state === 'done';
  // Once written, the roster lists and worklists on every mounted page show the imported people.
  useEffect(() => {
    if (finished) invalidate(['people'], ['visits']);
  }, [finished]);
  if (live.status !== 'ok') return live.status === 'error' ? <Notice tone='danger'>{live.error.message}</Notice> : null;
  const d = live.data;
  if (d.state === 'done') return <Notice tone='ok'>{doneText(d)}</Notice>;
  const percent = d.progress.total ? Math.floor((d.progress.done / d.progress.total) * 100) : 0;
  return (
    <Card title='正在导入'>
      <ProgressBar percent={percent} label='导入进度' />
      <View className='ui-progress-line'>{`已写入 ${d.progress.done}/${d.progress.total} 人（${percent}%），可离开本页，稍后回来查看`}</View>
    </Card>
  );
}

function Importer() {
  const template = useResult(() => call('people', 'importTemplate', {}), []);
  const [file, setFile] = useState<{ name: string; fileID: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'ok' | 'warn' | 'danger'; text: string; errors: RowError[] } | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  // One import per file: pressing 导入 again (a retry after a lost answer) continues the same one.
  const [requestId, setRequestId] = useState(newRequestId);

  async function pick(): Promise<void> {
    if (busy) return;
    setBusy(true);
    const picked = await pickSpreadsheet('ledger');
    setBusy(false);
    if (!picked) return;
    if (!picked.ok) return setOutcome({ tone: 'danger', text: picked.error.message, errors: [] });
    // The file goes up once (a whole ledger is far more than a call may carry); checks and the import name it.
    setFile(picked.data);
    setOutcome(null);
    setRunning(null);
    setRequestId(newRequestId());
  }

  async function downloadTemplate(): Promise<void> {
    const res = await call('people', 'importTemplate', { file: true });
    if (!res.ok || !res.data.file) return setOutcome({ tone: 'danger', text: res.ok ? '模板生成失败' : res.error.message, errors: [] });
    const text = await openSpreadsheet(res.data.file.url, res.data.file.fileName);
    setOutcome({ tone: 'ok', text, errors: [] });
  }

  async function send(dryRun: boolean): Promise<void> {
    if (busy || !file) return;
    setBusy(true);
    const res = await call('people', 'import', dryRun ? { fileId: file.fileID, dryRun } : { fileId: file.fileID, dryRun, requestId });
    setBusy(false);
    if (!res.ok) {
      const errors = ((res.error.details as { errors?: RowError[] } | undefined)?.errors ?? []).slice();
      setOutcome({ tone: 'danger', text: res.error.message, errors });
      return;
    }
    const d = res.data;
    if (d.errors.length) setOutcome({ tone: 'danger', text: `有${d.errors.length}处错误，请改正后再导入（不会导入任何数据）`, errors: d.errors });
    else if (dryRun) setOutcome({ tone: 'ok', text: `检查通过：将新增${d.toCreate}人、${d.households}户；已在花名册中的${d.unchanged}人不变`, errors: [] });
    else if (d.state === 'writing' && d.jobId) {
      setOutcome(null);
      setRunning(d.jobId);
    } else {
      setOutcome({ tone: 'ok', text: doneText(d), errors: [] });
      invalidate(['people'], ['visits']);
    }
  }

  return (
    <>
      <Card title='1. 按模板整理表格'>
        {template.status === 'ok' ? (
          <>
            {template.data.columns.map((c) => (
              <Field key={c.header} label={c.required ? `${c.header} *` : c.header}>
                {c.hint}
              </Field>
            ))}
            <Button kind='secondary' block onClick={() => void downloadTemplate()}>
              下载导入模板（Excel）
            </Button>
          </>
        ) : null}
      </Card>
      <Card title='2. 选择文件'>
        <Button kind='secondary' block disabled={busy} onClick={() => void pick()}>
          {file ? `已选：${file.name}（重新选择）` : '选择表格文件（.xlsx 或 CSV）'}
        </Button>
      </Card>
      {outcome ? <Notice tone={outcome.tone}>{outcome.text}</Notice> : null}
      {outcome?.errors.length ? <ErrorList errors={outcome.errors} /> : null}
      {running ? <ImportProgress jobId={running} /> : null}
      <View className='ui-button-row'>
        <Button kind='secondary' disabled={busy || !file} onClick={() => void send(true)}>
          检查
        </Button>
        <Button disabled={busy || !file || running !== null} onClick={() => void send(false)}>
          {busy ? '正在处理…' : '导入'}
        </Button>
      </View>
    </>
  );
}

export default function ImportPage() {
  return <SignedInPage title='台账导入' subtitle='有一行错误就整份不导入；同一份表格重复导入不会重复登记'>{() => <Importer />}</SignedInPage>;
}
