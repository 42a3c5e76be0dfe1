// Private files (issue 9): the one place that issues upload paths, checks file references in any input, and hands
// out short-lived photo links. Clients never read storage themselves (storage rule: read false); every photo is
// seen through a link this module issues after the caller's scope on the record was checked.
import { request } from 'node:https';
import {
  ATTACHMENT_LABELS,
  belongsToEnv,
  IMAGE_SNIFF_BYTES,
  parseUploadFileId,
  SENSITIVE_ATTACHMENTS,
  sniffImageType,
  TEMP_URL_BATCH,
  TEMP_URL_MAX_AGE_S,
  uploadPath,
  uploadTicketSchema,
  type Attachment,
  type UploadExtension,
  type UploadPurpose,
  type UploadRef,
} from '../../src/core/files';
import { chunks } from './parallel';
import { AppFailure } from '../../src/core/errors';
import type { ActionContext } from './action';
import { currentEnv, storage } from './cloud';
import { COLLECTIONS, type CollectionName } from './collections';
import { addOnce, idFor } from './create-once';
import { recordsByIds } from './store';

/** File ids one input may bring in: far above any form (a case holds a few dozen photos), far below abuse. */
const REFERENCES_MAX = 100;
/** A link for the server's own byte sniff needs to live only as long as the check. */
const CHECK_URL_MAX_AGE_S = 60;

/** Issues (once per requestId) the path the caller may upload one photo to: uploads/<userId>/<purpose>/<ticket>.<ext>. */
export async function issueUpload(ctx: ActionContext, input: { requestId: string; purpose: UploadPurpose; ext: UploadExtension }): Promise<{ cloudPath: string }> {
  const { caller, db, now } = ctx;
  const id = idFor(caller.user._id, input.requestId);
  const made = await addOnce(db, COLLECTIONS.uploads, id, () => ({
    userId: caller.user._id,
    purpose: input.purpose,
    cloudPath: uploadPath(caller.user._id, input.purpose, id, input.ext),
    createdAt: now,
    updatedAt: now,
    version: 0,
  }));
  const ticket = uploadTicketSchema.parse(made.record);
  if (made.created) await ctx.audit({ collection: COLLECTIONS.uploads, recordId: id, kind: 'create', to: { purpose: ticket.purpose } });
  return { cloudPath: ticket.cloudPath };
}

function refused(fileId: string): never {
  throw new AppFailure('FILE.REFERENCE_INVALID', undefined, { fileId });
}

/** Each id must name a file of this environment at a path the server issued to the caller (one ticket query). */
async function ownIssuedUploads(ctx: ActionContext, fileIds: readonly string[]): Promise<UploadRef[]> {
  const env = currentEnv();
  const userId = ctx.caller.user._id;
  const refs = fileIds.map((fileId) => {
    const ref = parseUploadFileId(fileId);
    if (!ref || !belongsToEnv(ref.host, env) || ref.userId !== userId) refused(fileId);
    return { fileId, ref };
  });
  const tickets = await recordsByIds(ctx.db, COLLECTIONS.uploads, refs.map((r) => r.ref.ticketId), (raw) => uploadTicketSchema.parse(raw));
  for (const { fileId, ref } of refs) {
    const ticket = tickets.get(ref.ticketId);
    if (!ticket || ticket.userId !== userId || ticket.cloudPath !== ref.path) refused(fileId);
  }
  return refs.map((r) => r.ref);
}

/**
 * The bytes of a file the caller uploaded for `purpose` (a spreadsheet to import): an import reads its file from
 * storage rather than a call's payload (CloudBase refuses bodies over 100 KB).
 */
export async function downloadOwnUpload(ctx: ActionContext, fileId: string, purpose: UploadPurpose, maxBytes: number): Promise<Buffer> {
  const [ref] = await ownIssuedUploads(ctx, [fileId]);
  if (ref!.purpose !== purpose) refused(fileId);
  const { fileContent } = await storage().downloadFile({ fileID: fileId }).catch(() => refused(fileId));
  if (fileContent.length > maxBytes) throw new AppFailure('IMPORT.TOO_MANY_ROWS', '文件过大，请分批导入');
  return fileContent;
}

/** The first bytes of an https URL (a Range request: the sniff never downloads a whole photo). */
function rangeHead(url: string, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Range: `bytes=0-${bytes - 1}` }, timeout: 5_000 }, (res) => {
      const got: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        got.push(chunk);
        size += chunk.length;
        if (size >= bytes) res.destroy();
      });
      res.on('close', () => resolve(Buffer.concat(got).subarray(0, bytes)));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** The first bytes of a stored file: by Range over its temporary URL in the cloud; the stand-in's links are local paths. */
async function fileHead(fileID: string, tempFileURL: string): Promise<Buffer> {
  if (tempFileURL.startsWith('https://')) return rangeHead(tempFileURL, IMAGE_SNIFF_BYTES);
  return (await storage().downloadFile({ fileID })).fileContent.subarray(0, IMAGE_SNIFF_BYTES);
}

/**
 * Refuses (FILE.REFERENCE_INVALID, before anything is written) any file id that is not a JPEG or PNG the caller
 * uploaded in this environment to a path the server issued to them — unless it is already attached to the record
 * being edited. Checks run for all ids at once: one ticket query, ≤ 50 ids per link call, the sniffs in parallel.
 */
export async function checkFileReferences(ctx: ActionContext, fileIds: readonly string[], attached: readonly string[] = []): Promise<void> {
  const known = new Set(attached);
  const fresh = [...new Set(fileIds)].filter((id) => !known.has(id));
  if (fresh.length === 0) return;
  if (fresh.length > REFERENCES_MAX) refused(fresh[REFERENCES_MAX]!);
  await ownIssuedUploads(ctx, fresh);
  for (const batch of chunks(fresh, TEMP_URL_BATCH)) {
    const { fileList } = await storage().getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: CHECK_URL_MAX_AGE_S })) });
    const byId = new Map(fileList.map((f) => [f.fileID, f]));
    const heads = await Promise.all(
      batch.map(async (fileId) => {
        const found = byId.get(fileId);
        if (!found || found.status !== 0) return { fileId, type: null };
        return { fileId, type: sniffImageType(await fileHead(fileId, found.tempFileURL)) };
      }),
    );
    const bad = heads.find((h) => h.type === null);
    if (bad) refused(bad.fileId);
  }
}

/**
 * Short-lived links to files attached to a record the caller was just allowed to read (the caller checks scope).
 * Only files on that record; a view of a sensitive one is audited (RULES §28–29). Links are never stored.
 */
export async function fileLinks(
  ctx: ActionContext,
  record: { collection: CollectionName; recordId: string; attachments: readonly Attachment[] },
  fileIds: readonly string[],
): Promise<{ items: { fileId: string; url: string | null }[] }> {
  const kinds = new Map(record.attachments.map((a) => [a.fileId, a.kind]));
  const wanted = [...new Set(fileIds)];
  if (wanted.some((id) => !kinds.has(id))) throw new AppFailure('FILE.NOT_ATTACHED');
  const sensitive = wanted.map((id) => kinds.get(id)!).filter((kind) => SENSITIVE_ATTACHMENTS.has(kind));
  if (sensitive.length) {
    const counts = new Map<string, number>();
    for (const kind of sensitive) counts.set(ATTACHMENT_LABELS[kind], (counts.get(ATTACHMENT_LABELS[kind]) ?? 0) + 1);
    const what = [...counts].map(([label, n]) => `${label}${n}张`).join('、');
    await ctx.audit({ collection: record.collection, recordId: record.recordId, kind: 'view', why: `查看敏感照片：${what}` });
  }
  return { items: await linksFor(wanted) };
}

/** Links for file ids of this environment's uploads (≤ 50 per call); anything else, or a missing file, gets null. */
async function linksFor(fileIds: readonly string[]): Promise<{ fileId: string; url: string | null }[]> {
  // Only this environment's uploads are asked for (a foreign or legacy id on an old record simply shows no photo).
  const env = currentEnv();
  const linkable = fileIds.filter((id) => {
    const ref = parseUploadFileId(id);
    return ref !== null && belongsToEnv(ref.host, env);
  });
  const urls = new Map<string, string>();
  for (const batch of chunks(linkable, TEMP_URL_BATCH)) {
    const { fileList } = await storage().getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: TEMP_URL_MAX_AGE_S })) });
    for (const f of fileList) if (f.status === 0) urls.set(f.fileID, f.tempFileURL);
  }
  return fileIds.map((fileId) => ({ fileId, url: urls.get(fileId) ?? null }));
}

/**
 * Links to the caller's own uploads that are not sent yet (a form's thumbnails after its draft was reopened): only
 * paths issued to the caller, so nobody reaches another person's photo this way.
 */
export async function ownUploadLinks(ctx: ActionContext, fileIds: readonly string[]): Promise<{ items: { fileId: string; url: string | null }[] }> {
  const wanted = [...new Set(fileIds)];
  const userId = ctx.caller.user._id;
  const refs = wanted.map((fileId) => ({ fileId, ref: parseUploadFileId(fileId) }));
  const tickets = await recordsByIds(ctx.db, COLLECTIONS.uploads, refs.flatMap((r) => (r.ref ? [r.ref.ticketId] : [])), (raw) => uploadTicketSchema.parse(raw));
  const own = refs.filter(({ ref }) => {
    const ticket = ref ? tickets.get(ref.ticketId) : undefined;
    return ref !== null && ticket !== undefined && ticket.userId === userId && ticket.cloudPath === ref.path;
  });
  if (own.length !== wanted.length) throw new AppFailure('FILE.NOT_ATTACHED');
  return { items: await linksFor(wanted) };
}
