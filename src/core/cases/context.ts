// What every case operation is told by its caller: the time, who acts, and the town's settings.
import type { Role } from '../roles';
import type { TownSettings } from '../settings';

export interface Actor {
  userId: string;
  role: Role;
}

export interface TransitionContext {
  /** Epoch ms; the core never reads the time itself. */
  now: number;
  actor: Actor;
  settings: TownSettings;
}
