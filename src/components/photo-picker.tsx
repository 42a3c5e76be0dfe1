// Photos for a form: chosen with the platform picker (camera or album), uploaded at once for a purpose (which folder of
// the uploader's own they go to), shown as thumbnails that can be removed. Only the file ids travel with the form
// (and its draft). Stored photos are shown through short-lived links the record's function hands out.
import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { UploadPurpose } from '../core/files';
import { call } from '../client/call';
import type { PhotoRecord } from '../client/photo-links';
import { uploadPhoto, type UploadedFile } from '../client/upload';
import { usePhotoLinks } from '../hooks/use-photo-links';
import { Notice } from './form';

export function PhotoPicker(props: {
  label: string;
  purpose: UploadPurpose;
  max: number;
  value: readonly UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
}) {
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
      const uploaded = await uploadPhoto(path, props.purpose);
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
          <PickedPhoto file={file} />
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

/**
 * A photo picked for the form: the device's own copy; once that is gone (a draft reopened later), a fresh short-lived
 * link to the caller's own upload.
 */
function PickedPhoto(props: { file: UploadedFile }) {
  const [src, setSrc] = useState(props.file.url);
  const [asked, setAsked] = useState(false);
  async function relink(): Promise<void> {
    if (asked) return;
    setAsked(true);
    const links = await call('session', 'uploadLinks', { fileIds: [props.file.fileID] });
    const url = links.ok ? links.data.items[0]?.url : null;
    if (url) setSrc(url);
  }
  return <Image className='ui-photo__img' src={src} mode='aspectFill' onError={() => void relink()} />;
}

/** Stored photos of a record, read-only. */
export function PhotoStrip(props: { record: PhotoRecord; fileIds: readonly string[] }) {
  const links = usePhotoLinks(props.record, props.fileIds);
  if (props.fileIds.length === 0) return null;
  return (
    <View className='ui-photos'>
      {props.fileIds.map((id) => {
        const url = links.get(id);
        return (
          <View key={id} className='ui-photo'>
            {url ? (
              <Image className='ui-photo__img' src={url} mode='aspectFill' />
            ) : (
              <Text className='ui-photo__plus'>{links.has(id) ? '无法显示' : '…'}</Text>
            )}
          </View>
        );
      })}
    </View>
  );
}
