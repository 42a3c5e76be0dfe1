// Photos for a form: chosen with the platform picker (camera or album), uploaded at once, shown as thumbnails that
// can be removed. Only the uploaded file ids travel with the form (and its draft).
import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { uploadPhoto, type UploadedFile } from '../client/upload';
import { photoUrl } from '../client/photo-url';
import { Notice } from './form';

export function PhotoPicker(props: { label: string; max: number; value: readonly UploadedFile[]; onChange: (files: UploadedFile[]) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(props.value);
  latest.current = props.value;
  const room = props.max - props.value.length;

  async function add(): Promise<void> {
    if (busy) return;
    if (room <= 0) {
      setError(`最多上传${props.max}张照片`);
      return;
    }
    let paths: string[];
    try {
      const chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      paths = chosen.tempFilePaths.slice(0, room);
    } catch {
      return; // cancelled
    }
    if (paths.length === 0) return;
    setBusy(true);
    setError(null);
    const added: UploadedFile[] = [];
    for (const path of paths) {
      const uploaded = await uploadPhoto(path);
      if (!uploaded.ok) {
        setError(uploaded.error.message);
        break;
      }
      added.push(uploaded.data);
    }
    setBusy(false);
    if (added.length > 0) props.onChange([...latest.current, ...added]);
  }

  return (
    <View className='ui-photos' role='group' aria-label={props.label}>
      {props.value.map((file, i) => (
        <View key={file.fileID} className='ui-photo'>
          <Image className='ui-photo__img' src={file.url || photoUrl(file.fileID)} mode='aspectFill' />
          <View
            className='ui-photo__remove'
            role='button'
            aria-label={`删除第${i + 1}张照片`}
            onClick={() => props.onChange(latest.current.filter((f) => f.fileID !== file.fileID))}
          >
            ×
          </View>
        </View>
      ))}
      {room > 0 ? (
        <View className='ui-photo ui-photo--add' role='button' aria-label={`添加照片：${props.label}`} data-photo-add='' onClick={() => void add()}>
          <Text className='ui-photo__plus'>{busy ? '…' : '+'}</Text>
          <Text>{busy ? '正在上传' : `${props.value.length}/${props.max}`}</Text>
        </View>
      ) : null}
      {error ? <Notice tone='danger'>{error}</Notice> : null}
    </View>
  );
}

/** Stored photos, read-only. */
export function PhotoStrip(props: { fileIds: readonly string[] }) {
  if (props.fileIds.length === 0) return null;
  return (
    <View className='ui-photos'>
      {props.fileIds.map((id) => (
        <View key={id} className='ui-photo'>
          <Image className='ui-photo__img' src={photoUrl(id)} mode='aspectFill' />
        </View>
      ))}
    </View>
  );
}
