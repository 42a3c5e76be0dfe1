// 民主评议 records (issue 13) as staff read them: when the village met, how many attended, the meeting's opinion on
// each case discussed, and the minutes photo. On the cadre's 民主评议 page and on each case a record names.
import { View } from '@tarojs/components';
import type { ActionOutput } from '../client/call';
import { APPRAISAL_VERDICT_LABELS, appraisalItemLine } from '../core/appraisal';
import { Card } from './card';
import { Field } from './list-row';
import { PhotoStrip } from './photo-picker';

export type AppraisalItem = ActionOutput<'cases', 'appraisals'>['items'][number];

/** One record; with `caseId`, only that case's line (the case page). */
export function AppraisalCard(props: { appraisal: AppraisalItem; caseId?: string }) {
  const a = props.appraisal;
  const items = props.caseId ? a.items.filter((i) => i.caseId === props.caseId) : a.items;
  return (
    <Card title={`民主评议 ${a.heldOn}`}>
      <View data-appraisal={a._id}>
        <Field label='参会人数'>{`${a.attendees} 人`}</Field>
        {items.map((i) =>
          props.caseId ? (
            <Field key={i.caseId} label='评议意见'>
              {[APPRAISAL_VERDICT_LABELS[i.verdict], i.opinion].filter(Boolean).join('：')}
            </Field>
          ) : (
            <Field key={i.caseId} label={appraisalItemLine(i)}>
              {i.opinion || '—'}
            </Field>
          ),
        )}
        <Field label='记录人'>{a.recordedByName}</Field>
        <PhotoStrip record={{ kind: 'appraisal', id: a._id }} fileIds={a.minutesFileIds} />
      </View>
    </Card>
  );
}
