// `npm run cloud:setup -- --env <id> [--dry-run]`: makes a WeChat cloud environment match the code — every
// collection and index of server/platform/collections.ts, and the client access rules of
// server/platform/security-rules.ts — through the official management SDK (@cloudbase/manager-node).
// It reads what exists first and changes only what differs, so a second run changes nothing.
// Credentials: a Tencent Cloud API key in TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (the SDK's own names;
// TENCENTCLOUD_SESSIONTOKEN too for a temporary key). `--dry-run` needs none: it only prints the plan.
import { COLLECTIONS, INDEXES } from '../server/platform/collections';
import { DATABASE_RULE, STORAGE_RULE, type SecurityRule } from '../server/platform/security-rules';

/** The subset of the SDK's CloudBase object this script uses (a test passes a fake). */
export interface SetupManager {
  database: {
    checkCollectionExists(name: string): Promise<{ Exists: boolean }>;
    createCollectionIfNotExists(name: string): Promise<unknown>;
    describeCollection(name: string): Promise<{ Indexes?: { Name: string; Keys: { Name?: string }[]; Unique: boolean }[] }>;
    updateCollection(name: string, change: { CreateIndexes: NewIndex[] }): Promise<unknown>;
  };
  storage: {
    getStorageAcl(options: { withRule: true }): Promise<{ acl: string; rule?: SecurityRule }>;
    setStorageAcl(acl: 'CUSTOM', rule: SecurityRule): Promise<unknown>;
  };
  commonService(): { call(options: { Action: string; Param: Record<string, unknown> }): Promise<unknown> };
}

interface NewIndex {
  IndexName: string;
  MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: '1' }[]; MgoIsUnique: boolean };
}

export interface IndexState {
  name: string;
  fields: string[];
  unique: boolean;
}

/** A rule as the cloud reports it: the preset tag (READONLY, ADMINONLY, CUSTOM …) and, for CUSTOM, the rule. */
export interface RuleState {
  aclTag: string;
  rule?: unknown;
}

/** What an environment has now; a collection missing from `collections` does not exist. */
export interface CloudState {
  collections: Map<string, { indexes: IndexState[]; rule: RuleState | null }>;
  storage: RuleState | null;
}

export const EMPTY_STATE: CloudState = { collections: new Map(), storage: null };

export type SetupStep =
  | { kind: 'collection'; collection: string }
  | { kind: 'index'; collection: string; index: IndexState }
  | { kind: 'databaseRule'; collection: string; rule: SecurityRule }
  | { kind: 'storageRule'; rule: SecurityRule };

/** A stable index name from its fields, so a later run recognises the index it made: idx_queue_dueAt_id. */
export function indexName(fields: readonly string[]): string {
  return `idx_${fields.map((field) => field.replace(/^_+/, '')).join('_')}`;
}

/** Rules compare by content, whatever the key order the cloud returns them in. */
function sameRule(state: RuleState | null, wanted: SecurityRule): boolean {
  if (!state || state.aclTag !== 'CUSTOM') return false;
  let rule = state.rule;
  if (typeof rule === 'string') {
    try {
      rule = JSON.parse(rule) as unknown;
    } catch {
      return false;
    }
  }
  if (typeof rule !== 'object' || rule === null) return false;
  const { read, write, ...rest } = rule as Record<string, unknown>;
  return read === wanted.read && write === wanted.write && Object.keys(rest).length === 0;
}

function hasIndex(existing: readonly IndexState[], wanted: IndexState): boolean {
  return existing.some(
    (index) =>
      index.unique === wanted.unique &&
      (index.name === wanted.name || (index.fields.length === wanted.fields.length && index.fields.every((field, i) => field === wanted.fields[i]))),
  );
}

/**
 * The steps that bring `current` to what the code declares: missing collections, then missing indexes
 * (an index counts as present under its stable name or with the same fields and uniqueness), then every rule
 * that differs. Pure: the dry run prints it, the real run performs it.
 */
export function planSetup(current: CloudState): SetupStep[] {
  const collections = Object.values(COLLECTIONS);
  const steps: SetupStep[] = [];
  for (const collection of collections) {
    if (!current.collections.has(collection)) steps.push({ kind: 'collection', collection });
  }
  for (const decl of INDEXES) {
    const index: IndexState = { name: indexName(decl.fields), fields: decl.fields, unique: decl.unique ?? false };
    if (!hasIndex(current.collections.get(decl.collection)?.indexes ?? [], index)) steps.push({ kind: 'index', collection: decl.collection, index });
  }
  for (const collection of collections) {
    if (!sameRule(current.collections.get(collection)?.rule ?? null, DATABASE_RULE)) steps.push({ kind: 'databaseRule', collection, rule: DATABASE_RULE });
  }
  if (!sameRule(current.storage, STORAGE_RULE)) steps.push({ kind: 'storageRule', rule: STORAGE_RULE });
  return steps;
}

export function describeStep(step: SetupStep): string {
  switch (step.kind) {
    case 'collection':
      return `create collection ${step.collection}`;
    case 'index':
      return `create index ${step.collection}.${step.index.name} (${step.index.fields.join(', ')})${step.index.unique ? ' unique' : ''}`;
    case 'databaseRule':
      return `set database rule of ${step.collection}: ${JSON.stringify(step.rule)}`;
    case 'storageRule':
      return `set storage rule: ${JSON.stringify(step.rule)}`;
  }
}

/** Reads the environment's collections, their indexes and rules, and the storage rule. */
export async function readState(manager: SetupManager, envId: string): Promise<CloudState> {
  const collections: CloudState['collections'] = new Map();
  for (const collection of Object.values(COLLECTIONS)) {
    if (!(await manager.database.checkCollectionExists(collection)).Exists) continue;
    const described = await manager.database.describeCollection(collection);
    const indexes = (described.Indexes ?? []).map((index) => ({
      name: index.Name,
      fields: index.Keys.map((key) => key.Name ?? ''),
      unique: index.Unique,
    }));
    const rule = (await manager.commonService().call({ Action: 'DescribeSafeRule', Param: { EnvId: envId, CollectionName: collection } })) as {
      AclTag?: string;
      Rule?: string;
    };
    collections.set(collection, { indexes, rule: rule.AclTag ? { aclTag: rule.AclTag, rule: rule.Rule } : null });
  }
  const storage = await manager.storage.getStorageAcl({ withRule: true });
  return { collections, storage: { aclTag: storage.acl, rule: storage.rule } };
}

export async function applyStep(manager: SetupManager, envId: string, step: SetupStep): Promise<void> {
  switch (step.kind) {
    case 'collection':
      await manager.database.createCollectionIfNotExists(step.collection);
      return;
    case 'index':
      await manager.database.updateCollection(step.collection, {
        CreateIndexes: [
          {
            IndexName: step.index.name,
            MgoKeySchema: { MgoIndexKeys: step.index.fields.map((Name) => ({ Name, Direction: '1' })), MgoIsUnique: step.index.unique },
          },
        ],
      });
      return;
    case 'databaseRule':
      await manager.commonService().call({
        Action: 'ModifySafeRule',
        Param: { EnvId: envId, CollectionName: step.collection, AclTag: 'CUSTOM', Rule: JSON.stringify(step.rule) },
      });
      return;
    case 'storageRule':
      await manager.storage.setStorageAcl('CUSTOM', step.rule);
  }
}

export interface Credentials {
  secretId: string;
  secretKey: string;
  token?: string;
}

export interface SetupIo {
  log(line: string): void;
  error(line: string): void;
  /** Connects to the environment; the default loads the SDK, a test passes a fake. */
  connect?(envId: string, credentials: Credentials): Promise<SetupManager>;
}

const USAGE = 'usage: npm run cloud:setup -- --env <cloud environment id> [--dry-run]';

async function connectWithSdk(envId: string, credentials: Credentials): Promise<SetupManager> {
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  return new CloudBase({ envId, ...credentials });
}

function parseArgs(argv: readonly string[]): { envId?: string; dryRun: boolean; problem?: string } {
  let envId: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--env') envId = argv[++i];
    else if (arg.startsWith('--env=')) envId = arg.slice('--env='.length);
    else return { dryRun, problem: `unknown argument: ${arg}` };
  }
  // WeChat cloud environment ids are letters, digits and dashes (e.g. town-prod-4g1x2y).
  if (envId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(envId)) return { dryRun, problem: `not an environment id: ${envId}` };
  return { envId, dryRun };
}

/** Runs the command; returns the process exit code. */
export async function cloudSetup(argv: readonly string[], env: NodeJS.ProcessEnv, io: SetupIo): Promise<number> {
  const args = parseArgs(argv);
  if (args.problem || !args.envId) {
    io.error(args.problem ?? 'missing --env: name the cloud environment to set up');
    io.error(USAGE);
    return 2;
  }
  const { envId } = args;
  const secretId = env.TENCENTCLOUD_SECRETID;
  const secretKey = env.TENCENTCLOUD_SECRETKEY;
  const credentials: Credentials | null = secretId && secretKey ? { secretId, secretKey, token: env.TENCENTCLOUD_SESSIONTOKEN || undefined } : null;

  if (args.dryRun && !credentials) {
    const steps = planSetup(EMPTY_STATE);
    io.log(`Plan for environment ${envId} (dry run without credentials: as if the environment were empty)`);
    steps.forEach((step) => io.log(`  ${describeStep(step)}`));
    io.log(`${steps.length} steps; nothing was changed.`);
    return 0;
  }
  if (!credentials) {
    io.error('missing credentials: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY to a Tencent Cloud API key of the');
    io.error('account that owns the environment (or add --dry-run to print the plan without them).');
    return 1;
  }

  try {
    const manager = await (io.connect ?? connectWithSdk)(envId, credentials);
    const steps = planSetup(await readState(manager, envId));
    if (steps.length === 0) {
      io.log(`Environment ${envId} already matches the code: nothing to change.`);
      return 0;
    }
    io.log(`${args.dryRun ? 'Plan' : 'Setting up'} environment ${envId}: ${steps.length} steps`);
    for (const step of steps) {
      if (!args.dryRun) await applyStep(manager, envId, step);
      io.log(`  ${args.dryRun ? '' : 'done: '}${describeStep(step)}`);
    }
    io.log(args.dryRun ? 'Dry run: nothing was changed.' : 'Done. Rules take a few minutes to apply in the cloud.');
    return 0;
  } catch (thrown) {
    io.error(`cloud setup failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    io.error('Steps already done stay done; run the command again to finish the rest.');
    return 1;
  }
}

if (require.main === module) {
  cloudSetup(process.argv.slice(2), process.env, { log: console.log, error: console.error }).then((code) => {
    process.exitCode = code;
  });
}
