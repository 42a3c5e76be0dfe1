// The files of a case: where each is attached on the record (its attachment kind decides whether a view of it is
// sensitive, src/core/files.ts), and the file ids a create or a workflow event brings in (each is checked by the
// server before anything is written).
import type { Attachment, AttachmentKind } from '../files';
import type { CaseRecord } from './case-record';
import type { NewCaseInput } from './create-case';
import type { CaseEvent } from './events';

/** Every file attached to a case, with where it is attached. */
export function caseAttachments(c: CaseRecord): Attachment[] {
  const out: Attachment[] = [];
  const add = (kind: AttachmentKind, ids: readonly (string | undefined)[] | undefined) => {
    for (const fileId of ids ?? []) if (fileId) out.push({ fileId, kind });
  };
  add('report', c.report?.photoFileIds);
  add('authorisation', [c.proxy?.authorisationPhotoFileId]);
  if (c.proxy?.confirmation.status === 'paperConfirmed') add('confirmation', [c.proxy.confirmation.photoFileId]);
  for (const item of c.materials) add('material', item.fileIds);
  for (const consent of Object.values(c.consents)) add('consent', consent?.fileIds);
  for (const investigation of c.investigations) add('investigation', [investigation.formPhotoFileId]);
  add('dataCheck', c.dataCheck?.resultFileIds);
  for (const notice of c.publicNotices) for (const objection of notice.objections) add('review', objection.democraticReview?.photoFileIds);
  add('decision', [c.decision?.documentFileId, c.decision?.writtenNotice?.fileId, c.emergency?.paperwork?.countyApprovalFileId]);
  return out;
}

/** The file ids a new case brings in. */
export function newCaseFileIds(input: NewCaseInput): string[] {
  switch (input.source) {
    case 'selfReport':
    case 'discovery':
      return input.photoFileIds ?? [];
    case 'proxy':
      return [
        input.authorisationPhotoFileId,
        ...(input.materials ?? []).flatMap((m) => m.fileIds),
        ...(input.paperConsents ?? []).flatMap((c) => c.fileIds),
      ];
    case 'direct':
      return (input.materials ?? []).flatMap((m) => m.fileIds);
    case 'referralIn':
      return [];
  }
}

/** The file ids a workflow event brings in. */
export function caseEventFileIds(event: CaseEvent): string[] {
  switch (event.type) {
    case 'recordPaperConfirmation':
      return [event.photoFileId];
    case 'materialsSupplied':
      return [...(event.items ?? []).flatMap((i) => i.fileIds), ...(event.consents ?? []).flatMap((c) => c.fileIds ?? [])];
    case 'startInvestigation':
      return [event.formPhotoFileId];
    case 'recordDataCheck':
      return event.fileIds ?? [];
    case 'recordDemocraticReview':
      return event.photoFileIds ?? [];
    case 'recordCountyDecision':
      return event.documentFileId ? [event.documentFileId] : [];
    case 'recordWrittenNotice':
      return event.fileId ? [event.fileId] : [];
    case 'completePaperwork':
      return event.countyApprovalFileId ? [event.countyApprovalFileId] : [];
    default:
      return [];
  }
}
