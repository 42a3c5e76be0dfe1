// What the visit page works with: the household as the server answers it, and what a recorded visit returns.
import type { ActionOutput } from '@/client/call';

export type HouseholdView = ActionOutput<'visits', 'household'>;
export type Member = HouseholdView['members'][number];
export type Recorded = ActionOutput<'visits', 'record'>;
export type Plan = NonNullable<HouseholdView['plan']>;
