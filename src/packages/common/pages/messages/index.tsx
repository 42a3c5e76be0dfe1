// 消息中心 (every role): every notice the user was sent, newest first — whatever WeChat delivered, it is here. The
// unread ones are marked, and marked read on the server once shown; tapping one opens what it is about.
import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { Card } from '@/components/card';
import { formatTime, unbroken } from '@/components/format-time';
import { ListRow } from '@/components/list-row';
import { PagedList } from '@/components/paged-list';
import { SignedInPage } from '@/components/signed-in';
import { Tag } from '@/components/tag';
import type { Role } from '@/core/roles';
import { usePaged } from '@/hooks/use-paged';
import type { Me } from '@/hooks/use-session';
import { messageLinkRoute } from '@/message-links';

type Message = ActionOutput<'session', 'inbox'>['items'][number];

/** session.markRead takes at most 50 ids a call. */
const MARK_BATCH = 50;

/** Marks the shown unread messages read, each once (the page keeps showing them as new until it reloads). */
function useMarkShownRead(items: readonly Message[]): void {
  const marked = useRef(new Set<string>());
  useEffect(() => {
    const ids = items.filter((m) => m.readAt === null && !marked.current.has(m._id)).map((m) => m._id);
    ids.forEach((id) => marked.current.add(id));
    for (let i = 0; i < ids.length; i += MARK_BATCH) void call('session', 'markRead', { ids: ids.slice(i, i + MARK_BATCH) });
  }, [items]);
}

function MessageRow(props: { message: Message; role: Role }) {
  const { message: m } = props;
  const route = messageLinkRoute(m.link, props.role);
  return (
    <View data-message-id={m._id} data-unread={m.readAt === null ? 'true' : 'false'}>
      <ListRow
        title={m.title}
        meta={unbroken(m.body)}
        tags={
          <>
            {m.readAt === null ? <Tag tone='danger'>未读</Tag> : null}
            <Tag tone='neutral'>{formatTime(m.createdAt)}</Tag>
          </>
        }
        onClick={route ? () => void Taro.navigateTo({ url: route }) : undefined}
      />
    </View>
  );
}

function Inbox(props: { me: Me }) {
  const paged = usePaged((before: ActionOutput<'session', 'inbox'>['next']) => call('session', 'inbox', { limit: 20, ...(before ? { before } : {}) }), [], { keys: [['messages']] });
  useMarkShownRead(paged.items);
  return (
    <Card>
      <PagedList paged={paged} empty='还没有消息' row={(m: Message) => <MessageRow key={m._id} message={m} role={props.me.role} />} />
    </Card>
  );
}

export default function MessagesPage() {
  return (
    <SignedInPage title='消息中心' subtitle='办理进度、提醒和通知都在这里，最新的在前'>
      {(me) => <Inbox me={me} />}
    </SignedInPage>
  );
}
