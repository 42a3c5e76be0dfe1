// RULES §30: the per-template answer of requestSubscribeMessage; only `accept` counts; one credit per accepted
// one-time template; long-term templates need no credit.
import { applyConsentResult, MAX_CREDITS, maySend, templatesToAsk } from '../../../src/core/notify';

const A = 'tmpl-A';
const B = 'tmpl-B';
const C = 'tmpl-C';

describe('one-time templates', () => {
  test('each accepted template adds one credit; reject, ban and filter add none', () => {
    const r = applyConsentResult({}, [A, B, C], { errMsg: 'requestSubscribeMessage:ok', [A]: 'accept', [B]: 'reject', [C]: 'ban' });
    expect(r.accepted).toEqual([A]);
    expect(r.notAccepted).toEqual([B, C]);
    expect(r.subscriptions).toEqual({ [A]: { credits: 1, longTerm: false }, [B]: { credits: 0, longTerm: false }, [C]: { credits: 0, longTerm: false } });
    expect(applyConsentResult({}, [A], { [A]: 'filter' }).subscriptions[A]).toEqual({ credits: 0, longTerm: false });
  });

  test('credits add up over taps, and a refusal keeps what earlier taps gave', () => {
    let subs = applyConsentResult({}, [A], { [A]: 'accept' }).subscriptions;
    subs = applyConsentResult(subs, [A], { [A]: 'accept' }).subscriptions;
    subs = applyConsentResult(subs, [A], { [A]: 'reject' }).subscriptions;
    expect(subs[A]).toEqual({ credits: 2, longTerm: false });
    expect(maySend(subs[A], 'one-time')).toBe(true);
  });

  test('answers for templates not asked for, odd values and odd shapes count for nothing', () => {
    expect(applyConsentResult({}, [A], { [A]: 'ACCEPT', [B]: 'accept' }).subscriptions).toEqual({ [A]: { credits: 0, longTerm: false } });
    expect(applyConsentResult({}, [A], { [A]: true }).accepted).toEqual([]);
    expect(applyConsentResult({}, [A], null).accepted).toEqual([]);
    expect(applyConsentResult({}, [A], ['accept']).accepted).toEqual([]);
    expect(applyConsentResult({}, [A], {}).notAccepted).toEqual([A]);
    // A template asked twice in one call is one template.
    expect(applyConsentResult({}, [A, A], { [A]: 'accept' }).subscriptions[A]!.credits).toBe(1);
  });

  test('credits are capped (a forged client cannot pile them up)', () => {
    const r = applyConsentResult({ [A]: { credits: MAX_CREDITS, longTerm: false } }, [A], { [A]: 'accept' });
    expect(r.subscriptions[A]!.credits).toBe(MAX_CREDITS);
  });

  test('the input is not changed', () => {
    const current = { [A]: { credits: 1, longTerm: false } };
    applyConsentResult(current, [A], { [A]: 'accept' });
    expect(current[A]).toEqual({ credits: 1, longTerm: false });
  });

  test('no credit, no send', () => {
    expect(maySend(undefined, 'one-time')).toBe(false);
    expect(maySend({ credits: 0, longTerm: true }, 'one-time')).toBe(false);
  });
});

describe('long-term templates', () => {
  test('accept turns it on with no credit needed; any other answer turns it off', () => {
    let subs = applyConsentResult({}, [A], { [A]: 'accept' }, 'long-term').subscriptions;
    expect(subs[A]).toEqual({ credits: 0, longTerm: true });
    expect(maySend(subs[A], 'long-term')).toBe(true);
    subs = applyConsentResult(subs, [A], { [A]: 'reject' }, 'long-term').subscriptions;
    expect(subs[A]).toEqual({ credits: 0, longTerm: false });
    expect(maySend(subs[A], 'long-term')).toBe(false);
  });
});

describe('which templates one request asks for (RULES §30)', () => {
  const t = (key: string, templateId: string | null, credits = 0, longTerm = false) => ({ key, templateId, credits, longTerm });
  const four = [t('a', 'A', 2), t('b', 'B', 0), t('c', null), t('d', 'D', 1), t('e', 'E', 0)];

  test('at most three, configured ones only, fewest credits first; `keys` narrows and orders', () => {
    expect(templatesToAsk(four, 'one-time').map((x) => x.templateId)).toEqual(['B', 'E', 'D']);
    expect(templatesToAsk(four, 'one-time', ['d', 'c', 'a']).map((x) => x.templateId)).toEqual(['D', 'A']);
    expect(templatesToAsk([t('c', null)], 'one-time')).toEqual([]);
  });

  test('long-term mode asks only for what is not yet held; one-time asks again to add credits', () => {
    const held = [t('a', 'A', 0, true), t('b', 'B', 0, false)];
    expect(templatesToAsk(held, 'long-term').map((x) => x.templateId)).toEqual(['B']);
    expect(templatesToAsk([t('a', 'A', 0, true)], 'long-term')).toEqual([]);
    expect(templatesToAsk([t('a', 'A', 3)], 'one-time').map((x) => x.templateId)).toEqual(['A']);
  });
});
