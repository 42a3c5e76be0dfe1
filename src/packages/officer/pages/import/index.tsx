// 台账导入: the existing ledger from Excel (saved as CSV) into the roster (issue 4). The template lists the
// columns; a check shows each faulty row by number; a file with any error writes nothing; importing the same file
// again changes nothing (rows are keyed by ID number). A large file is written in the background: a progress bar
// follows it until it is done.
import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { newRequestId } from '@/client/request-id';
import { ProgressBar } from '@/components/alert-view';
import { pickCsvFile, saveCsvFile } from '@/client/text-file';
import { uploadLedgerText } from '@/client/upload';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { FormItem, Notice, TextArea } from '@/components/form';
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
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'ok' | 'warn' | 'danger'; text: string; errors: RowError[] } | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  // One import per file: pressing 导入 again (a retry after a lost answer) continues the same one.
  const [requestId, setRequestId] = useState(newRequestId);
  // The ledger goes up once as a file (a whole ledger is far more than a call may carry); checks and the import name it.
  const [fileId, setFileId] = useState<string | null>(null);

  async function pick(): Promise<void> {
    const file = await pickCsvFile();
    if (!file) return;
    setFileName(file.name);
    setText(file.text);
  }

  function setText(text: string): void {
    setCsv(text);
    setOutcome(null);
    setRunning(null);
    setRequestId(newRequestId());
    setFileId(null);
  }

  async function send(dryRun: boolean): Promise<void> {
    if (busy || !csv.trim()) return;
    setBusy(true);
    const uploaded = fileId ? { ok: true as const, data: { fileID: fileId } } : await uploadLedgerText(csv);
    if (!uploaded.ok) {
      setBusy(false);
      setOutcome({ tone: 'danger', text: uploaded.error.message, errors: [] });
      return;
    }
    setFileId(uploaded.data.fileID);
    const file = uploaded.data.fileID;
    const res = await call('people', 'import', dryRun ? { fileId: file, dryRun } : { fileId: file, dryRun, requestId });
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
            <Button kind='secondary' block onClick={() => void saveCsvFile(template.data.filename, template.data.csv).then((text) => setOutcome({ tone: 'ok', text, errors: [] }))}>
              下载导入模板
            </Button>
          </>
        ) : null}
      </Card>
      <Card title='2. 选择文件'>
        <Button kind='secondary' block onClick={() => void pick()}>
          {fileName ? `已选：${fileName}（重新选择）` : '选择 CSV 文件'}
        </Button>
        <FormItem label='或把表格内容粘贴在这里' hint='Excel 中“另存为 CSV UTF-8”后打开，全选复制'>
          <TextArea label='表格内容' value={csv} onChange={setText} placeholder='姓名,身份证号,手机号,…' />
        </FormItem>
      </Card>
      {outcome ? (
        <Notice tone={outcome.tone}>{outcome.text}</Notice>
      ) : null}
      {outcome?.errors.length ? <ErrorList errors={outcome.errors} /> : null}
      {running ? <ImportProgress jobId={running} /> : null}
      <View className='ui-button-row'>
        <Button kind='secondary' disabled={busy || !csv.trim()} onClick={() => void send(true)}>
          检查
        </Button>
        <Button disabled={busy || !csv.trim() || running !== null} onClick={() => void send(false)}>
          {busy ? '正在处理…' : '导入'}
        </Button>
      </View>
    </>
  );
}

export default function ImportPage() {
  return <SignedInPage title='台账导入' subtitle='有一行错误就整份不导入；同一份表格重复导入不会重复登记'>{() => <Importer />}</SignedInPage>;
}
