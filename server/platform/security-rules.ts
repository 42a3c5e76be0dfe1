// Client access rules for the cloud database and storage (RULES §28–29): clients may read or write nothing;
// every read and write goes through the cloud functions, which bypass these rules and check scope themselves.
// `npm run cloud:setup` applies them; docs/deployment.md shows the same JSON for the console.

/** A WeChat cloud custom security rule: `true`/`false` or an expression over `auth` and `resource`/`doc`. */
export interface SecurityRule {
  read: boolean | string;
  write: boolean | string;
}

/** Every collection: no client reads or writes (the console's custom rule, AclTag CUSTOM). */
export const DATABASE_RULE: SecurityRule = { read: false, write: false };

/** Cloud storage: no client reads or writes; files go up and come back through the functions. */
export const STORAGE_RULE: SecurityRule = { read: false, write: false };
