// Private files (issue 9): where an upload goes, what a file reference may look like, how an image is recognised by
// its bytes, and which attached files are sensitive. Pure: the server and the local runtime do the I/O.
import { z } from 'zod';
import { requestIdSchema } from './ids';
import { recordMeta } from './records';

/** What an upload is for: the third segment of its path (uploads/<userId>/<purpose>/<name>). */
export const UPLOAD_PURPOSES = [
  'report', // self-report and discovery photos
  'material', // application documents: ID card, income and asset statements …
  'consent', // signed consents (truth pledge, data-check authorisation, sensitive information)
  'authorisation', // the signed proxy authorisation (委托)
  'confirmation', // the resident's paper confirmation of a proxy application
  'investigation', // the signed home-investigation form
  'dataCheck', // the county's data-check report
  'review', // democratic review minutes
  'decision', // decision document, written notice, county approval
  'visit', // visit photos
  'recheck', // a verification campaign's home re-check (入户复核) photos
  'ledger', // a roster ledger (台账) the officer imports: .xlsx or CSV, read by the import job from storage
  'verification', // a campaign's comparison results (比对结果) the officer imports: .xlsx or CSV
] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];
export const uploadPurposeSchema = z.enum(UPLOAD_PURPOSES);

export const UPLOAD_EXTENSIONS = ['jpg', 'png', 'csv', 'xlsx'] as const;
export type UploadExtension = (typeof UPLOAD_EXTENSIONS)[number];
export const uploadExtensionSchema = z.enum(UPLOAD_EXTENSIONS);

/** The name part the server issues: an opaque id, then the extension. */
const UPLOAD_NAME = /^([A-Za-z0-9]{16,64})\.(jpg|png|csv|xlsx)$/;

/** Where an upload goes: under the uploader's own opaque user id, never an OPENID. */
export function uploadPath(userId: string, purpose: UploadPurpose, name: string, ext: UploadExtension): string {
  return `uploads/${userId}/${purpose}/${name}.${ext}`;
}

/** Where a spreadsheet the server wrote for a user goes (issue 12): under that user's own prefix, an opaque name. */
export function exportPath(userId: string, name: string): string {
  return `uploads/${userId}/export/${name}.xlsx`;
}

const EXPORT_PATH = /^uploads\/[A-Za-z0-9_-]{1,64}\/export\/[A-Za-z0-9]{16,64}\.xlsx$/;
/** An .xlsx is a zip archive: its first bytes are a zip entry's signature. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Whether stored bytes at `cloudPath` are an export the server wrote: the path it issues, and a zip's bytes. */
export function isExportFile(cloudPath: string, head: Uint8Array): boolean {
  return EXPORT_PATH.test(cloudPath) && ZIP_MAGIC.every((b, i) => head[i] === b);
}

/** What a client asks for before it uploads (the server answers the path it may write). */
export const prepareUploadInputSchema = z
  .object({ requestId: requestIdSchema, purpose: uploadPurposeSchema, ext: uploadExtensionSchema })
  .strict()
  .refine((input) => isSpreadsheetPurpose(input.purpose) === (input.ext === 'csv' || input.ext === 'xlsx'), { message: '照片只能是 jpg 或 png，表格只能是 xlsx 或 CSV 文件', path: ['ext'] });

/** Uploads that are spreadsheets to import (no record holds them as an attachment). */
export const SPREADSHEET_PURPOSES = ['ledger', 'verification'] as const;
export type SpreadsheetPurpose = (typeof SPREADSHEET_PURPOSES)[number];
export function isSpreadsheetPurpose(purpose: string): purpose is SpreadsheetPurpose {
  return (SPREADSHEET_PURPOSES as readonly string[]).includes(purpose);
}

/** An .xlsx is a zip: it starts with a local file header ("PK\x03\x04"). */
export function isXlsxBytes(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A spreadsheet's size limit: an import's 5,000 rows with room to spare. */
export const SPREADSHEET_FILE_MAX_BYTES = 4 * 1024 * 1024;

/** An upload ticket: the path the server issued to a user. A file reference is accepted only at a path issued to its caller. */
export const uploadTicketSchema = z.object({
  ...recordMeta,
  userId: z.string(),
  purpose: uploadPurposeSchema,
  cloudPath: z.string(),
});
export type UploadTicket = z.infer<typeof uploadTicketSchema>;

export interface UploadRef {
  /** The host part of the fileID: `<env>.<bucket>` in WeChat cloud, `local` in the stand-in. */
  host: string;
  path: string;
  userId: string;
  purpose: UploadPurpose;
  /** The id of the upload ticket the server issued for this path. */
  ticketId: string;
}

/**
 * A fileID as `cloud://<host>/uploads/<userId>/<purpose>/<ticket>.<ext>`, or null for anything else: http URLs,
 * other folders, '..', '.', empty or encoded segments never match the strict pattern.
 */
export function parseUploadFileId(fileId: string): UploadRef | null {
  const match = /^cloud:\/\/([A-Za-z0-9][A-Za-z0-9.-]{0,127})\/(uploads\/([A-Za-z0-9_-]{1,64})\/([A-Za-z]{1,32})\/([^/]+))$/.exec(fileId);
  if (!match) return null;
  const [, host, path, userId, purpose, name] = match;
  const named = UPLOAD_NAME.exec(name!);
  const parsedPurpose = uploadPurposeSchema.safeParse(purpose);
  if (!named || !parsedPurpose.success) return null;
  return { host: host!, path: path!, userId: userId!, purpose: parsedPurpose.data, ticketId: named[1]! };
}

/** A fileID of this cloud environment: WeChat's host is `<env>.<bucket>`, the stand-in's is its env name itself. */
export function belongsToEnv(host: string, env: string): boolean {
  return env.length > 0 && (host === env || host.startsWith(`${env}.`));
}

export type ImageType = 'image/jpeg' | 'image/png';

/** Bytes an image type is recognised by (the longest signature below). */
export const IMAGE_SNIFF_BYTES = 8;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

/** The image type by its magic bytes, never by its name; null for anything else (text, HTML, SVG, PDF …). */
export function sniffImageType(head: Uint8Array): ImageType | null {
  const starts = (signature: number[]) => signature.every((byte, i) => head[i] === byte);
  if (head.length >= PNG_SIGNATURE.length && starts(PNG_SIGNATURE)) return 'image/png';
  if (head.length >= JPEG_SIGNATURE.length && starts(JPEG_SIGNATURE)) return 'image/jpeg';
  return null;
}

/** How long a photo link lives (seconds): long enough to look at a page, too short to pass around. */
export const TEMP_URL_MAX_AGE_S = 600;
/** getTempFileURL takes at most 50 fileIDs per call (docs/platform-notes.md, "Storage and privacy in WeChat"). */
export const TEMP_URL_BATCH = 50;
/** File ids one request for photo links may name: a case holds at most a few dozen photos. */
export const FILE_URLS_MAX = 100;
/** The caller's own unsent uploads one request may ask links for: one photo field of a form. */
export const PENDING_UPLOADS_MAX = 20;

/** Where on a record a file is attached (every upload purpose but the ledger, which no record holds). */
export type AttachmentKind = Exclude<UploadPurpose, SpreadsheetPurpose>;
export const ATTACHMENT_KINDS = UPLOAD_PURPOSES.filter((p): p is AttachmentKind => !isSpreadsheetPurpose(p));

export const ATTACHMENT_LABELS: Record<AttachmentKind, string> = {
  report: '求助照片',
  material: '申请材料',
  consent: '签字同意书',
  authorisation: '委托书',
  confirmation: '代办确认书',
  investigation: '入户调查表',
  dataCheck: '核对报告',
  review: '评议记录',
  decision: '决定文书',
  visit: '走访照片',
  recheck: '入户复核照片',
};

// RULES §28–29: ID cards, income and asset papers, signed consents and authorisations, confirmations, the
// investigation form, the data-check report and decision papers reveal special status and finances (sensitive
// personal information): every view of one is audited. Report, review and visit photos are not in this set.
export const SENSITIVE_ATTACHMENTS: ReadonlySet<AttachmentKind> = new Set<AttachmentKind>([
  'material',
  'consent',
  'authorisation',
  'confirmation',
  'investigation',
  'dataCheck',
  'decision',
]);

export interface Attachment {
  fileId: string;
  kind: AttachmentKind;
}
