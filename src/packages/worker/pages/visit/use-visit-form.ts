// The visit being written (issue 4): kept on the device until the server has it, then sent with the draft's
// request id, so a retry never makes a second visit.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { call } from '@/client/call';
import type { UploadedFile } from '@/client/upload';
import type { MajorChangeKind } from '@/core/visits/major-change';
import { firstUnanswered, unansweredText, visitInputSchema, type ChecklistAnswers, type VisitLocation } from '@/core/visits/visit-record';
import { useDraft } from '@/hooks/use-draft';
import { useSubscriptionOffer } from '@/hooks/use-subscription-offer';
import type { HouseholdView, Plan, Recorded } from './types';

export interface VisitDraft {
  /** When the visit was made: the draft's start, even if it reaches the server later. */
  visitedAt: number;
  selected: string[];
  /** Nothing pre-answered (issue 15): a question is absent until the visitor taps 是 or 否. */
  answers: Record<string, ChecklistAnswers>;
  /** Members marked 没见到本人: none of their questions is asked. */
  notSeen: Record<string, boolean>;
  changes: Record<string, MajorChangeKind | ''>;
  notes: string;
  photos: UploadedFile[];
  location: VisitLocation | null;
  /** Follow-up plan items: ok or not, with a note. */
  checks: Record<string, { ok: boolean; note: string }>;
}

/** The draft of a visit to this household (under its follow-up plan, when there is one), and its submission. */
export function useVisitForm(view: HouseholdView, plan: Plan | null, onRecorded: (result: Recorded) => void) {
  const members = view.members;
  const { draft, update, clear } = useDraft<VisitDraft>(`visit:${view.household._id}`, () => ({
    visitedAt: Date.now(),
    selected: members.map((m) => m.personId),
    answers: {},
    notSeen: {},
    changes: {},
    notes: '',
    photos: [],
    location: null,
    checks: {},
  }));
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const offer = useSubscriptionOffer();
  const selected = members.filter((m) => draft.selected.includes(m.personId));

  async function locate(): Promise<void> {
    try {
      const at = await Taro.getLocation({ type: 'gcj02' });
      update({ location: { latitude: at.latitude, longitude: at.longitude, ...(at.accuracy ? { accuracy: at.accuracy } : {}) } });
    } catch {
      void Taro.showToast({ title: '没有取到位置，可以不填', icon: 'none' });
    }
  }

  async function submit(): Promise<void> {
    if (sending) return;
    const input = {
      requestId: draft.requestId,
      householdId: view.household._id,
      visitedAt: draft.visitedAt,
      members: selected.map((m) => {
        const change = draft.changes[m.personId];
        const asked = draft.notSeen[m.personId] ? { notSeen: true as const } : draft.answers[m.personId];
        return { personId: m.personId, ...asked, ...(change ? { majorChange: change } : {}) };
      }),
      notes: draft.notes,
      photos: draft.photos.map((p) => p.fileID),
      ...(draft.location ? { location: draft.location } : {}),
      ...(plan
        ? {
            followUp: {
              planId: plan._id,
              items: plan.items.map((i) => {
                const c = draft.checks[i.id];
                return { itemId: i.id, ok: c?.ok ?? true, ...(c?.note ? { note: c.note } : {}) };
              }),
            },
          }
        : {}),
    };
    // Issue 15: refused on the device first, naming the member and the question left unanswered.
    for (const m of selected) {
      const missing = draft.notSeen[m.personId] ? undefined : firstUnanswered(draft.answers[m.personId] ?? {}, m.minor);
      if (missing) {
        setFailure(unansweredText(m.name, missing));
        return;
      }
    }
    const parsed = visitInputSchema.safeParse(input);
    if (!parsed.success) {
      setFailure(parsed.error.issues[0]?.message ?? '填写的内容有误');
      return;
    }
    setFailure(null);
    setSending(true);
    // RULES §30: the reminders (visit digest, issue outcomes, roll calls) are asked inside the tap, never waited for.
    offer.ask();
    const res = await call('visits', 'record', input);
    setSending(false);
    if (!res.ok) {
      setFailure(res.error.code === 'NETWORK.FAILED' ? `${res.error.message}。走访内容已保存在手机上，网络恢复后再点提交即可，不会重复记录` : res.error.message);
      return;
    }
    clear();
    onRecorded(res.data);
  }

  return { draft, update, selected, failure, sending, locate, submit };
}
