// Links to stored photos: asked of the function that owns the record (it checks the caller's scope and audits
// sensitive views) and kept only in memory until shortly before they expire — never stored. The photos a page shows
// at once are asked for in one call per record.
import { FILE_URLS_MAX, TEMP_URL_MAX_AGE_S } from '../core/files';
import { call } from './call';
import { getSessionToken } from './session-token';

export type PhotoRecord = { kind: 'case'; id: string } | { kind: 'visit'; id: string } | { kind: 'appraisal'; id: string };

/** A link is asked for again this long before it expires. */
const RENEW_BEFORE_MS = 60_000;
/** After a refusal or a network failure, how long a photo shows as unavailable before it is asked for again. */
const RETRY_AFTER_MS = 30_000;

const links = new Map<string, { url: string | null; expiresAt: number }>();
const batches = new Map<string, { ids: Set<string>; done: Promise<void> }>();

const recordKey = (record: PhotoRecord) => `${record.kind}:${record.id}`;
// The session is part of the key: on a shared H5 demo another sign-in never sees links asked for by the previous one.
const linkKey = (record: PhotoRecord, fileId: string) => `${getSessionToken() ?? ''}|${recordKey(record)}|${fileId}`;

async function fetchLinks(record: PhotoRecord, fileIds: string[]): Promise<void> {
  for (let i = 0; i < fileIds.length; i += FILE_URLS_MAX) {
    const chunk = fileIds.slice(i, i + FILE_URLS_MAX);
    const asked = Date.now();
    const result =
      record.kind === 'case'
        ? await call('cases', 'fileUrls', { caseId: record.id, fileIds: chunk })
        : record.kind === 'appraisal'
          ? await call('cases', 'appraisalFileUrls', { appraisalId: record.id, fileIds: chunk })
          : await call('visits', 'fileUrls', { visitId: record.id, fileIds: chunk });
    const answered = new Map(result.ok ? result.data.items.map((item) => [item.fileId, item.url]) : []);
    for (const fileId of chunk) {
      const url = answered.get(fileId) ?? null;
      links.set(linkKey(record, fileId), { url, expiresAt: url ? asked + TEMP_URL_MAX_AGE_S * 1000 : asked + RETRY_AFTER_MS + RENEW_BEFORE_MS });
    }
  }
}

function enqueue(record: PhotoRecord, fileIds: string[]): Promise<void> {
  const key = recordKey(record);
  let batch = batches.get(key);
  if (!batch) {
    const ids = new Set<string>();
    const done = new Promise<void>((resolve) => {
      setTimeout(() => {
        batches.delete(key);
        fetchLinks(record, [...ids]).then(resolve, resolve);
      }, 0);
    });
    batch = { ids, done };
    batches.set(key, batch);
  }
  for (const id of fileIds) batch.ids.add(id);
  return batch.done;
}

/** A link per file id (null: not available), asking only for those not held or about to expire. */
export async function photoLinks(record: PhotoRecord, fileIds: readonly string[]): Promise<Map<string, string | null>> {
  const now = Date.now();
  const stale = fileIds.filter((id) => {
    const held = links.get(linkKey(record, id));
    return !held || held.expiresAt - now < RENEW_BEFORE_MS;
  });
  if (stale.length) await enqueue(record, stale);
  return new Map(fileIds.map((id) => [id, links.get(linkKey(record, id))?.url ?? null]));
}
