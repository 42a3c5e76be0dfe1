// A page that offers subscription messages: loads what the caller holds when the page opens, so that `ask()` can
// call the consent dialog synchronously inside a tap (RULES §30) — it must never wait for a load first. Nothing the
// user does waits on the answer; the standing shown refreshes once notify.subscribe has recorded it. A resident's
// form instead puts up the plain question after submitting (`askAfterSubmit`), whose own 通知我 tap asks WeChat.
import { useCallback, useRef } from 'react';
import { askSubscription, type SubscriptionStanding } from '../client/subscribe';
import { call } from '../client/call';
import { raiseSubscriptionQuestion } from '../client/subscription-question';
import { templatesToAsk, type TemplateKey } from '../core/notify';
import { useResult } from './use-result';

export function useSubscriptionOffer(keys?: readonly TemplateKey[]) {
  const standing = useResult<SubscriptionStanding>(() => call('notify', 'subscriptions', {}), []);
  const current = useRef(standing);
  current.current = standing;

  /** Asks now for `only` (default: the page's keys, else the role's templates); a no-op until the standing is loaded. */
  const ask = useCallback(
    (only?: readonly TemplateKey[]): void => {
      const loaded = current.current;
      if (loaded.status !== 'ok') return;
      const templates = templatesToAsk(loaded.data.templates, loaded.data.mode, only ?? keys);
      void askSubscription(templates).then((fresh) => {
        if (fresh) current.current.replace(fresh);
      });
    },
    [keys],
  );

  /** Puts up the subscription question for the page's keys (issue 15); a no-op until the standing is loaded. */
  const askAfterSubmit = useCallback((): void => {
    const loaded = current.current;
    if (loaded.status === 'ok') raiseSubscriptionQuestion(templatesToAsk(loaded.data.templates, loaded.data.mode, keys));
  }, [keys]);

  return { standing, ask, askAfterSubmit };
}
