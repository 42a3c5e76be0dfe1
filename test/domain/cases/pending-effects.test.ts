// Effects kept with the case until carried out (durable effects, issue 10): a bounded list whose overflow the
// caller carries out before the write, a due time for the sweep, and the stored shape parsed back.
import {
  caseRecordSchema,
  pendingEffectsDueAt,
  withoutPendingEffects,
  withPendingEffects,
  PENDING_EFFECTS_GRACE_MS,
  PENDING_ENTRIES_MAX,
  type PendingEffects,
} from '../../../src/core/cases';
import { applicant, bj, create, gridworker } from './fixtures';

const NOW = bj('2026-11-02 10:00');

const filed = () => create({ source: 'proxy', kind: 'dibao', applicant, authorisationPhotoFileId: 'f-auth' }, gridworker, NOW);

function entry(n: number, c: ReturnType<typeof filed>): PendingEffects {
  return { key: `${c.record._id}:${n}`, at: NOW + n * 1000, effects: c.effects, audit: { actorId: 'u-grid', actorRole: 'gridworker', fn: 'cases', action: 'transition', kind: 'transition', to: c.record.state } };
}

describe('pending effects', () => {
  it('keeps the newest entries up to the bound, handing back the oldest to carry out first', () => {
    const made = filed();
    let c = made.record;
    const handedBack: string[] = [];
    for (let n = 0; n < PENDING_ENTRIES_MAX + 3; n++) {
      const { next, overflow } = withPendingEffects(c, entry(n, made));
      handedBack.push(...overflow.map((e) => e.key));
      c = next;
    }
    expect(c.pendingEffects).toHaveLength(PENDING_ENTRIES_MAX);
    expect(handedBack).toEqual([0, 1, 2].map((n) => `${c._id}:${n}`));
    expect(c.pendingEffects![0]!.key).toBe(`${c._id}:3`);
    // The stored record parses back as it was written.
    expect(caseRecordSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('is due for the sweep a grace after its oldest write, and not at all once cleared', () => {
    const made = filed();
    const { next } = withPendingEffects(made.record, entry(5, made));
    expect(pendingEffectsDueAt(next)).toBe(NOW + 5000 + PENDING_EFFECTS_GRACE_MS);
    expect(pendingEffectsDueAt(withoutPendingEffects(next))).toBeUndefined();
    expect(withoutPendingEffects(next)).not.toHaveProperty('pendingEffects');
  });
});
