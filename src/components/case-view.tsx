// How a case reads everywhere: its state and due tags, the current step's deadline in working days, the row in a
// list, the timeline, the checklist. Labels come from the domain core; nothing here re-states a rule.
import { Text, View } from '@tarojs/components';
import { beijingDate } from '../core/calendar';
import { estimatedDateNote } from '../core/holidays';
import {
  CASE_EVENT_LABELS,
  CASE_KIND_LABELS,
  CASE_STATE_LABELS,
  CLOCK_STEP_LABELS,
  RESIDENT_STATE_LABELS,
  CONSENT_LABELS,
  consentsRequiredFor,
  type CaseEventType,
  type CaseKind,
  type CaseRecord,
  type CaseState,
  type Clock,
  type ClockLeft,
  type DueStatus,
  type TimelineEntry,
} from '../core/cases';
import { ROLE_LABELS } from '../core/roles';
import { formatTime, unbroken } from './format-time';
import { ListRow } from './list-row';
import { PhotoStrip } from './photo-picker';
import { Tag, type TagTone } from './tag';

/** A state in the words of its reader: the resident's own (RESIDENT_STATE_LABELS), or the office's. */
export function stateLabel(state: CaseState, resident = false): string {
  return (resident ? RESIDENT_STATE_LABELS : CASE_STATE_LABELS)[state];
}

export function StateTag(props: { state: CaseState; resident?: boolean }) {
  const tone: TagTone = props.state === 'closed' ? 'neutral' : props.state === 'denied' ? 'danger' : 'primary';
  return <Tag tone={tone}>{stateLabel(props.state, props.resident)}</Tag>;
}

export function DueTag(props: { status: DueStatus }) {
  if (props.status === 'breached') return <Tag tone='danger'>已超期</Tag>;
  if (props.status === 'dueSoon') return <Tag tone='warn'>将到期</Tag>;
  return null;
}

/** How long is left on a clock, in the clock's own unit, as the server counted it (`clockLeft`). */
function timeLeft(left: ClockLeft): string {
  if (left.unit === 'workingDays') {
    if (left.overdue) return `已超期${Math.max(1, -left.days)}个工作日`;
    if (left.days <= 0) return '今天到期';
    return `还剩${left.days}个工作日`;
  }
  if (left.hours < 0) return `已超时${Math.max(1, Math.floor(-left.hours))}小时`;
  return left.hours < 1 ? '不到1小时' : `还剩${Math.floor(left.hours)}小时`;
}

/**
 * "受理响应：2026-11-03 10:00 前（还剩 23 小时）" — the step, its due date or time, what is left; and, while the date
 * rests on a year whose holidays are not yet known, the RULES §34 sentence saying it may move.
 */
export function dueLine(clock: Clock, left: ClockLeft): string {
  const due = clock.unit === 'workingDays' && clock.dueDate ? unbroken(clock.dueDate) : formatTime(clock.dueAt);
  const note = estimatedDateNote(clock.dueDate, clock.estimated || (left.unit === 'workingDays' && left.estimated));
  return `${CLOCK_STEP_LABELS[clock.step]}：${due} 前（${timeLeft(left)}）${note ? `，${note}` : ''}`;
}

export interface CaseSummaryLike {
  _id: string;
  kind: CaseKind;
  state: CaseState;
  applicantName: string;
  dueStatus: DueStatus;
  clock: Clock | null;
  clockLeft: ClockLeft | null;
}

/**
 * One case in a list: who and what, its state and due tags, the current step's deadline. A resident's own row
 * (`outlook` given) shows their words instead: what they must do or when to expect an answer, no office clock.
 */
export function CaseRow(props: { item: CaseSummaryLike; extra?: string; outlook?: string | null; onClick: () => void }) {
  const { item } = props;
  const resident = props.outlook !== undefined;
  const clockLine = !resident && item.clock && item.clockLeft ? dueLine(item.clock, item.clockLeft) : null;
  const meta = [props.extra, clockLine, props.outlook ? unbroken(props.outlook) : null].filter(Boolean).join(' · ');
  return (
    <View data-case-id={item._id}>
      <ListRow
        title={`${item.applicantName} · ${CASE_KIND_LABELS[item.kind]}`}
        meta={meta || undefined}
        tags={
          <>
            <StateTag state={item.state} resident={resident} />
            {resident ? null : <DueTag status={item.dueStatus} />}
          </>
        }
        onClick={props.onClick}
      />
    </View>
  );
}

function eventTitle(entry: TimelineEntry): string {
  if (entry.event === 'create') return '提交';
  return CASE_EVENT_LABELS[entry.event as CaseEventType] ?? entry.event;
}

/** What happened, oldest first: who (by role), when, the step and where it led. */
export function Timeline(props: { entries: readonly TimelineEntry[]; resident?: boolean }) {
  return (
    <View className='ui-timeline'>
      {props.entries.map((entry, i) => (
        <View key={`${entry.at}-${i}`} className='ui-timeline__item'>
          <View className='ui-timeline__dot' />
          <Text className='ui-timeline__title'>{`${eventTitle(entry)} → ${stateLabel(entry.to, props.resident)}`}</Text>
          <Text className='ui-timeline__meta'>{`${formatTime(entry.at)} · ${ROLE_LABELS[entry.actorRole]}`}</Text>
          {entry.note ? <Text className='ui-timeline__note'>{entry.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** The documents and consents the case carries, and what is still owed. */
export function Checklist(props: { c: Pick<CaseRecord, '_id' | 'kind' | 'materials' | 'consents'> }) {
  const { c } = props;
  const consents = consentsRequiredFor(c.kind);
  if (c.materials.length === 0 && consents.length === 0) return <Text className='ui-plain'>这件事不需要提交材料</Text>;
  return (
    <View>
      {c.materials.map((item) => (
        <View key={item.key} className='ui-field' data-material={item.key}>
          <Text className='ui-field__label'>{item.label}</Text>
          <View className='ui-field__value'>
            {item.provided ? <Tag>{`已提供 ${item.fileIds.length} 张`}</Tag> : item.platformHeld ? <Tag tone='info'>镇里通过共享平台核查，无需提供</Tag> : <Tag tone='warn'>待提供</Tag>}
            <PhotoStrip record={{ kind: 'case', id: c._id }} fileIds={item.fileIds} />
          </View>
        </View>
      ))}
      {consents.map((key) => {
        const given = c.consents[key];
        return (
          <View key={key} className='ui-field' data-consent={key}>
            <Text className='ui-field__label'>{CONSENT_LABELS[key]}</Text>
            <View className='ui-field__value'>
              {given ? <Tag>{given.method === 'online' ? `本人线上同意 ${beijingDate(given.at)}` : `纸质签字 ${beijingDate(given.at)}`}</Tag> : <Tag tone='warn'>待签署</Tag>}
              <PhotoStrip record={{ kind: 'case', id: c._id }} fileIds={given?.fileIds ?? []} />
            </View>
          </View>
        );
      })}
    </View>
  );
}
