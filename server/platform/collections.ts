// Collection names and their indexes, declared once. The local stand-in creates these indexes;
// README.md lists them for the WeChat cloud console.

export const COLLECTIONS = {
  villages: 'villages',
  grids: 'grids',
  users: 'users',
  households: 'households',
  persons: 'persons',
  audit: 'audit',
  settings: 'settings',
  cases: 'cases',
  messages: 'messages',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

export interface IndexDecl {
  collection: CollectionName;
  fields: string[];
  unique?: boolean;
}

export const INDEXES: IndexDecl[] = [
  { collection: 'users', fields: ['openid'], unique: true },
  { collection: 'grids', fields: ['villageId'] },
  { collection: 'households', fields: ['gridId'] },
  // Roster pages: scope field + cursor (_id), so a page is an index range, not a sort.
  { collection: 'persons', fields: ['gridId', '_id'] },
  { collection: 'persons', fields: ['villageId', '_id'] },
  { collection: 'persons', fields: ['categories', '_id'] },
  { collection: 'persons', fields: ['householdId'] },
  { collection: 'persons', fields: ['idNumber'] },
  { collection: 'audit', fields: ['collection', 'recordId', 'at'] },
  { collection: 'messages', fields: ['recipientUserId', 'createdAt'] },
];
