// 编辑政策指南 (issue 13): the town office rewrites one topic's page in its own words, sees it as residents will
// (预览), and saves it at the version it started from (a colleague's save in between is not overwritten). Every save
// is audited on the server. 恢复默认 puts the project's default text (from the rules) back in the form.
import { useState } from 'react';
import { View } from '@tarojs/components';
import { call, type ActionOutput } from '@/client/call';
import { invalidate } from '@/client/invalidate';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { fieldErrors, FormFoot, FormItem, Notice, TextArea } from '@/components/form';
import { GuideSections } from '@/components/guide-view';
import { SectionTitle } from '@/components/page-frame';
import { SignedInPage } from '@/components/signed-in';
import { ErrorState, Loading } from '@/components/states';
import { guideTextSchema, GUIDE_SECTIONS, GUIDE_SECTION_LABELS, GUIDE_SECTION_MAX, type GuideText } from '@/core/guide';
import { useQueryParam } from '@/hooks/use-query-param';
import { useResult } from '@/hooks/use-result';
import '@/components/visits-style';

type Topic = ActionOutput<'cases', 'guide'>['topics'][number];

function Editor(props: { topic: Topic; onSaved: () => void }) {
  const { topic } = props;
  const [text, setText] = useState<GuideText>(topic.text);
  const [preview, setPreview] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [sending, setSending] = useState(false);

  async function save(): Promise<void> {
    const parsed = guideTextSchema.safeParse(text);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setError('请按提示修改后再保存');
      return;
    }
    setErrors({});
    setError(null);
    setSending(true);
    const result = await call('cases', 'saveGuide', { topic: topic.topic, version: topic.version, text: parsed.data });
    setSending(false);
    if (!result.ok) {
      setError(result.error.code === 'RECORD.CONFLICT' ? '这一页刚被其他人修改过，已刷新为最新内容，请核对后再保存' : result.error.message);
      if (result.error.code === 'RECORD.CONFLICT') props.onSaved();
      return;
    }
    setSaved(true);
    invalidate(['guide']);
  }

  return (
    <View data-guide-edit={topic.topic}>
      <SectionTitle>{topic.label}</SectionTitle>
      {saved ? <Notice tone='ok'>已保存，居民现在看到的是新内容</Notice> : null}
      {preview ? (
        <View data-guide-preview=''>
          <Notice>预览：居民看到的页面</Notice>
          <GuideSections text={text} />
        </View>
      ) : (
        <Card>
          {GUIDE_SECTIONS.map((section) => (
            <FormItem key={section} label={GUIDE_SECTION_LABELS[section]} required error={errors[section]}>
              <TextArea label={GUIDE_SECTION_LABELS[section]} value={text[section]} max={GUIDE_SECTION_MAX} onChange={(value) => setText((t) => ({ ...t, [section]: value }))} />
            </FormItem>
          ))}
        </Card>
      )}
      <FormFoot error={error}>
        <View className='ui-button-row'>
          <Button kind='secondary' onClick={() => setPreview(!preview)}>
            {preview ? '继续编辑' : '预览'}
          </Button>
          <Button kind='plain' onClick={() => setText(topic.defaults)}>
            恢复默认
          </Button>
          <Button disabled={sending} onClick={() => void save()}>
            {sending ? '正在保存…' : '保存'}
          </Button>
        </View>
      </FormFoot>
    </View>
  );
}

function Edit() {
  const topicKey = useQueryParam('topic');
  const guide = useResult(() => call('cases', 'guide', {}), [], { keys: [['guide']] });
  if (guide.status === 'loading') return <Loading />;
  if (guide.status === 'error') return <ErrorState error={guide.error} onRetry={guide.reload} />;
  const topic = guide.data.topics.find((t) => t.topic === topicKey);
  if (!topic) return <ErrorState error='没有找到这一页指南' />;
  // Keyed by version: a fresh load (after a colleague's save) starts the form from the stored text.
  return <Editor key={topic.version} topic={topic} onSaved={guide.reload} />;
}

export default function GuideEditPage() {
  return <SignedInPage title='编辑政策指南' subtitle='用本镇的话写清楚，保存前可以预览'>{() => <Edit />}</SignedInPage>;
}
