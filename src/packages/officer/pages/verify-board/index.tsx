// 核查进度 (issue 12): one campaign — export its list (.xlsx, docs/verification.md) for the county's comparison,
// import the comparison results (.xlsx or CSV, all rows or none, each faulty row named), then the board by village
// and grid: flagged, re-checked, overdue and the outcomes; an exit found at a re-check starts the termination here.
import { useState } from 'react';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { newRequestId } from '@/client/request-id';
import { openSpreadsheet } from '@/client/open-document';
import { pickSpreadsheet } from '@/client/spreadsheet-file';
import { RECHECK_OUTCOME_LABELS, RECHECK_OUTCOMES } from '@/core/verification';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Notice } from '@/components/form';
import { Field, ListRow } from '@/components/list-row';
import { SignedInPage } from '@/components/signed-in';
import { Empty, ErrorState, Loading } from '@/components/states';
import { Tag } from '@/components/tag';
import { useQueryParam } from '@/hooks/use-query-param';
import { useResult } from '@/hooks/use-result';
import '@/components/visits-style';

type Board = ActionOutput<'verify', 'board'>;
type Tally = Board['total'];

function outcomesLine(t: Tally): string {
  const parts = RECHECK_OUTCOMES.filter((o) => t.outcomes[o]).map((o) => `${RECHECK_OUTCOME_LABELS[o]}${t.outcomes[o]}`);
  return parts.length ? parts.join('，') : '暂无复核结果';
}

function tallyLine(t: Tally): string {
  return `疑点${t.flagged}人，已复核${t.rechecked}人，逾期${t.overdue}人`;
}

type Outcome = { tone: 'ok' | 'danger'; text: string; errors: string[] };

function Results(props: { campaignId: string; onDone: (text: string) => void }) {
  const [file, setFile] = useState<{ name: string; fileID: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);

  async function pick(): Promise<void> {
    setBusy(true);
    const picked = await pickSpreadsheet('verification');
    setBusy(false);
    if (!picked) return;
    if (!picked.ok) return setOutcome({ tone: 'danger', text: picked.error.message, errors: [] });
    setFile(picked.data);
    setOutcome(null);
    setRequestId(newRequestId());
  }

  async function send(dryRun: boolean): Promise<void> {
    if (!file || busy) return;
    setBusy(true);
    const res = await call('verify', 'importResults', { campaignId: props.campaignId, fileId: file.fileID, dryRun, requestId });
    setBusy(false);
    if (!res.ok) {
      const errors = ((res.error.details as { errors?: Array<{ text: string }> } | undefined)?.errors ?? []).map((e) => e.text);
      return setOutcome({ tone: 'danger', text: res.error.message, errors });
    }
    const d = res.data;
    if (d.errors.length) return setOutcome({ tone: 'danger', text: `有${d.errors.length}处错误，请改正后再导入（不会导入任何数据）`, errors: d.errors.map((e) => e.text) });
    // An import closes this card (the campaign has its results): the board above tells what it did.
    if (dryRun) setOutcome({ tone: 'ok', text: `检查通过：${d.rows}行，疑点${d.flagged}人`, errors: [] });
    else props.onDone(`已导入${d.rows}行：疑点${d.flagged}人已派给所在网格入户复核`);
  }

  return (
    <Card title='2. 导入比对结果'>
      <Notice>表格须有“身份证号”“比对结论代码”两列，可有“姓名”“疑点说明”；代码00为无异常，其余为疑点（见说明文档）。</Notice>
      <Button kind='secondary' block disabled={busy} onClick={() => void pick()}>
        {file ? `已选：${file.name}（重新选择）` : '选择比对结果表格（.xlsx 或 CSV）'}
      </Button>
      {outcome ? <Notice tone={outcome.tone}>{outcome.text}</Notice> : null}
      {outcome?.errors.length ? (
        <View className='ui-error-list' role='list' aria-label='有错误的行'>
          {outcome.errors.map((text, i) => (
            <View key={i} className='ui-error-list__item' role='listitem'>
              {text}
            </View>
          ))}
        </View>
      ) : null}
      <View className='ui-button-row'>
        <Button kind='secondary' disabled={busy || !file} onClick={() => void send(true)}>
          检查
        </Button>
        <Button disabled={busy || !file} onClick={() => void send(false)}>
          {busy ? '正在处理…' : '导入结果'}
        </Button>
      </View>
    </Card>
  );
}

function BoardView(props: { campaignId: string }) {
  const board = useResult(() => call('verify', 'board', { campaignId: props.campaignId }), [props.campaignId], { keys: [['verify']] });
  const [note, setNote] = useState<{ tone: 'ok' | 'danger'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (board.status === 'loading') return <Loading />;
  if (board.status === 'error') return <ErrorState error={board.error} onRetry={board.reload} />;
  const d = board.data;

  async function exportList(): Promise<void> {
    setBusy(true);
    const res = await call('verify', 'export', { campaignId: props.campaignId });
    setBusy(false);
    if (!res.ok) return setNote({ tone: 'danger', text: res.error.message });
    setNote({ tone: 'ok', text: `${await openSpreadsheet(res.data.url, res.data.fileName)}（${res.data.rows}行）` });
  }

  async function startExit(subjectId: string): Promise<void> {
    setBusy(true);
    const res = await call('verify', 'startExit', { subjectId });
    setBusy(false);
    setNote(res.ok ? { tone: 'ok', text: '已开始终止程序：告知7天，期满后在办件中办理终止' } : { tone: 'danger', text: res.error.message });
    if (res.ok) invalidate(['verify']);
  }

  return (
    <>
      <Card title={`${d.campaign.label}核查`}>
        <Field label='名单'>{`${d.campaign.listed}人${d.campaign.state === 'listing' ? '（生成中）' : ''}`}</Field>
        <Field label='比对结果'>{d.campaign.results ? `${d.campaign.results.rows}行，疑点${d.campaign.results.flagged}人` : '尚未导入'}</Field>
      </Card>
      {note ? <Notice tone={note.tone}>{note.text}</Notice> : null}
      <Card title='1. 导出核查名单'>
        <Button kind='secondary' block disabled={busy || d.campaign.state !== 'open'} onClick={() => void exportList()}>
          导出名单（Excel）
        </Button>
      </Card>
      {d.campaign.results ? null : (
        <Results
          campaignId={props.campaignId}
          onDone={(text) => {
            setNote({ tone: 'ok', text });
            invalidate(['verify']);
          }}
        />
      )}
      <Card title='复核进度'>
        <Field label='全镇'>{tallyLine(d.total)}</Field>
        <Field label='复核结果'>{outcomesLine(d.total)}</Field>
        {d.villages.length === 0 ? <Empty text='还没有疑点' /> : null}
        {d.villages.map((v) => (
          <View key={v.villageId} className='ui-board-village' role='group' aria-label={v.name}>
            <ListRow title={v.name} meta={`${tallyLine(v)}；${outcomesLine(v)}`} tags={v.overdue ? <Tag tone='danger'>{`逾期${v.overdue}`}</Tag> : null} />
            {v.grids.map((g) => (
              <ListRow key={g.gridId} title={`└ ${g.name}`} meta={`${tallyLine(g)}；${outcomesLine(g)}`} />
            ))}
          </View>
        ))}
      </Card>
      {d.exits.length ? (
        <Card title='待启动终止程序'>
          {d.exits.map((s) => (
            <View key={s.subjectId}>
              <ListRow title={s.name} meta={`${s.grid} · ${s.finding ?? ''} · ${s.outcome?.note ?? ''}${s.outcome?.gradualExitMonths ? ` · 渐退${s.outcome.gradualExitMonths}个月` : ''}`} />
              {s.hasCase ? (
                <Button kind='secondary' disabled={busy} onClick={() => void startExit(s.subjectId)}>
                  启动终止程序
                </Button>
              ) : (
                <Notice tone='warn'>系统中没有此人的批准记录，请按线下档案办理终止</Notice>
              )}
            </View>
          ))}
        </Card>
      ) : null}
    </>
  );
}

export default function VerifyBoardPage() {
  const campaignId = useQueryParam('id');
  return <SignedInPage title='核查进度' subtitle='导出名单、导入比对结果、入户复核进度'>{() => (campaignId ? <BoardView campaignId={campaignId} /> : <Empty text='没有指定核查批次' />)}</SignedInPage>;
}
