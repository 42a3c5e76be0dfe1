// The links a photo strip shows, asked for when its record or files change (src/client/photo-links.ts).
import { useEffect, useState } from 'react';
import { photoLinks, type PhotoRecord } from '../client/photo-links';

export function usePhotoLinks(record: PhotoRecord, fileIds: readonly string[]): ReadonlyMap<string, string | null> {
  const [shown, setShown] = useState<ReadonlyMap<string, string | null>>(new Map());
  // The record and the ids, not the objects holding them, are what the links depend on: a parent's re-render with
  // equal values asks for nothing.
  const { kind, id } = record;
  const key = fileIds.join('\n');
  useEffect(() => {
    let live = true;
    if (key) void photoLinks({ kind, id }, key.split('\n')).then((found) => live && setShown(found));
    return () => {
      live = false;
    };
  }, [kind, id, key]);
  return shown;
}
