// Ids in payloads: record ids, the client's request id of a create, cloud-storage file ids.
import { z } from 'zod';

/** Record ids in payloads. */
export const recordIdSchema = z.string().trim().min(1).max(64);

/** Client request id: a retry carries the same one, so it never makes a second record (docs/architecture.md). */
export const requestIdSchema = z
  .string()
  .min(8, '请求编号过短')
  .max(64, '请求编号过长')
  .regex(/^[A-Za-z0-9_-]+$/, '请求编号格式不正确');

/** A cloud-storage file id (cloud://…) or the local stand-in's. */
export const fileIdSchema = z.string().min(1).max(512);
/** Photos of one checklist item, consent or step (a multi-page paper); an input-size guard, not a rule. */
export const FILES_PER_ITEM_MAX = 20;
