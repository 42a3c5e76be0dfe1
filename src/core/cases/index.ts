// The case domain: records, workflows, clocks, materials, eligibility, public notice and worklist order.
export * from './case-record';
export * from './states';
export * from './clock';
export * from './limits';
export * from './context';
export * from './effects';
export * from './events';
export * from './graph';
export * from './workflow';
export * from './create-case';
export * from './materials';
export * from './self-care';
export * from './public-notice';
export * from './eligibility';
export * from './worklist';
export * from './attachments';
export * from './audit-words';
