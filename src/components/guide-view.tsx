// One policy-guide page as residents read it: its four sections in the town's words (the guide page, and the
// office's preview while editing).
import { Text, View } from '@tarojs/components';
import { GUIDE_SECTIONS, GUIDE_SECTION_LABELS, type GuideText } from '@/core/guide';
import { Card } from './card';

export function GuideSections(props: { text: GuideText }) {
  return (
    <>
      {GUIDE_SECTIONS.map((section) => (
        <Card key={section} title={GUIDE_SECTION_LABELS[section]}>
          <View data-guide-section={section}>
            <Text className='ui-plain'>{props.text[section]}</Text>
          </View>
        </Card>
      ))}
    </>
  );
}
