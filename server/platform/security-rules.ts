// Client access rules for the cloud database and storage (RULES §28–29): clients read nothing and write nothing to
// the database; every read goes through the cloud functions, which bypass these rules and check scope themselves.
// `npm run cloud:setup` applies them; docs/deployment.md shows the same JSON for the console.

/** A WeChat cloud custom security rule: `true`/`false` or an expression over `auth` and `resource`/`doc`. */
export interface SecurityRule {
  read: boolean | string;
  write: boolean | string;
}

/** Every collection: no client reads or writes (the console's custom rule, AclTag CUSTOM). */
export const DATABASE_RULE: SecurityRule = { read: false, write: false };

/**
 * Cloud storage: the mini-program uploads a photo itself (a function call carries at most 100 KB), to a path a
 * function issued to the caller (platform/files.ts), and may write only files it created; no client reads any file —
 * photos come back as short-lived links from a function that checked scope.
 */
export const STORAGE_RULE: SecurityRule = { read: false, write: 'resource.openid == auth.openid' };
