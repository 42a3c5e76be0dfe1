// The links a photo strip shows, asked for when its record or files change (src/client/photo-links.ts).
import { useEffect, useState } from 'react';
import { photoLinks, type PhotoRecord } from '../client/photo-links';

export function usePhotoLinks(record: PhotoRecord, fileIds: readonly string[]): ReadonlyMap<string, string | null> {
  const [shown, setShown] = useState<ReadonlyMap<string, string | null>>(new Map());
  const key = fileIds.join('\n');
  useEffect(() => {
    let live = true;
    if (fileIds.length) void photoLinks(record, fileIds).then((found) => live && setShown(found));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the record and the list of ids are what the links depend on
  }, [record.kind, record.id, key]);
  return shown;
}
