// Who was responsible for which grid or village, and when (网格定人、人员定责): one record per stretch of
// responsibility. Reassigning a grid or village ends the old stretch and starts a new one; nothing is overwritten.
import { z } from 'zod';
import { ROLES } from './roles';

export const assignmentSchema = z.object({
  _id: z.string(),
  kind: z.enum(['grid', 'village']),
  areaId: z.string(),
  areaName: z.string(),
  userId: z.string(),
  userName: z.string(),
  role: z.enum(ROLES),
  /** Epoch ms; null = responsible since before responsibilities were recorded. */
  from: z.number().nullable(),
  /** Epoch ms; null while still responsible. */
  to: z.number().nullable(),
  assignedBy: z.string().nullable(),
  endedBy: z.string().nullable(),
  /** Open work that moved to the next person when this stretch ended. */
  moved: z.object({ plans: z.number().int().nonnegative(), issues: z.number().int().nonnegative() }).nullable(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** A gridworker's villages follow their grids. */
export function villagesOfGrids(gridIds: readonly string[], villageOfGrid: ReadonlyMap<string, string>): string[] {
  return [...new Set(gridIds.map((g) => villageOfGrid.get(g)).filter((v): v is string => !!v))];
}
