// Subscription messages (RULES §30–32): field formatting, the template catalogue, consent credits, the outbox.
export * from './fields';
export * from './templates';
export * from './consent';
export * from './outbox';
