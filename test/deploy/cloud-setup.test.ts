// `npm run cloud:setup`: the dry run prints every collection, index and rule without credentials; a real run
// (against a fake of the management SDK) makes an empty environment match the code and a second run changes nothing.
import { COLLECTIONS, INDEXES } from '../../server/platform/collections';
import { DATABASE_RULE, STORAGE_RULE, type SecurityRule } from '../../server/platform/security-rules';
import { cloudSetup, indexName, type SetupManager } from '../../scripts/cloud-setup';

const CREDENTIALS = { TENCENTCLOUD_SECRETID: 'AKIDtest', TENCENTCLOUD_SECRETKEY: 'secret' };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { log: (line: string) => void out.push(line), error: (line: string) => void err.push(line) } };
}

interface FakeIndex {
  Name: string;
  Keys: { Name: string; Direction: string }[];
  Unique: boolean;
}

/** An environment held in memory behind the SDK methods the script calls; every change is counted. */
function fakeEnvironment() {
  const tables = new Map<string, { indexes: FakeIndex[]; acl?: { AclTag: string; Rule?: string } }>();
  let storage: { acl: string; rule?: SecurityRule } = { acl: 'PRIVATE' };
  const changes: string[] = [];
  const table = (name: string) => {
    const found = tables.get(name);
    if (!found) throw new Error(`no collection ${name}`);
    return found;
  };
  const manager: SetupManager = {
    database: {
      checkCollectionExists: async (name) => ({ Exists: tables.has(name) }),
      createCollectionIfNotExists: async (name) => {
        changes.push(`collection ${name}`);
        if (!tables.has(name)) tables.set(name, { indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }] });
      },
      describeCollection: async (name) => ({ Indexes: table(name).indexes }),
      updateCollection: async (name, change) => {
        for (const index of change.CreateIndexes) {
          changes.push(`index ${name}.${index.IndexName}`);
          const t = table(name);
          t.indexes = t.indexes.filter((i) => i.Name !== index.IndexName);
          t.indexes.push({ Name: index.IndexName, Keys: index.MgoKeySchema.MgoIndexKeys, Unique: index.MgoKeySchema.MgoIsUnique });
        }
      },
    },
    storage: {
      getStorageAcl: async () => storage,
      setStorageAcl: async (acl, rule) => {
        changes.push('storage rule');
        storage = { acl, rule };
      },
    },
    commonService: () => ({
      call: async ({ Action, Param }) => {
        const t = table(Param.CollectionName as string);
        if (Action === 'DescribeSafeRule') return { AclTag: t.acl?.AclTag ?? 'READONLY', Rule: t.acl?.Rule };
        if (Action === 'ModifySafeRule') {
          changes.push(`rule ${Param.CollectionName as string}`);
          t.acl = { AclTag: Param.AclTag as string, Rule: Param.Rule as string };
          return {};
        }
        throw new Error(`unexpected action ${Action}`);
      },
    }),
  };
  return { manager, tables, changes, storage: () => storage };
}

describe('cloud:setup', () => {
  it('dry run without credentials prints every collection, every index with its unique flag, and the rules', async () => {
    const { out, io } = capture();
    const connect = jest.fn();
    expect(await cloudSetup(['--env', 'town-prod-1', '--dry-run'], {}, { ...io, connect })).toBe(0);
    expect(connect).not.toHaveBeenCalled();
    const text = out.join('\n');
    for (const name of Object.values(COLLECTIONS)) {
      expect(out).toContain(`  create collection ${name}`);
      expect(out).toContain(`  set database rule of ${name}: {"read":false,"write":false}`);
    }
    for (const decl of INDEXES) {
      expect(out).toContain(`  create index ${decl.collection}.${indexName(decl.fields)} (${decl.fields.join(', ')})${decl.unique ? ' unique' : ''}`);
    }
    expect(text).toContain('create index users.idx_openid (openid) unique');
    expect(text).toContain('create index cases.idx_queue_dueAt_id (queue, dueAt, _id)\n');
    expect(out).toContain(`  set storage rule: ${JSON.stringify(STORAGE_RULE)}`);
    expect(text).toContain('nothing was changed');
  });

  it('index names are stable and distinct, so a second run recognises what the first one made', () => {
    const names = INDEXES.map((decl) => `${decl.collection}.${indexName(decl.fields)}`);
    expect(new Set(names).size).toBe(names.length);
    expect(indexName(['queue', 'villageId', 'dueAt', '_id'])).toBe('idx_queue_villageId_dueAt_id');
  });

  it('refuses to run without --env, or with an argument it does not know', async () => {
    for (const argv of [['--dry-run'], [], ['--env'], ['--env', 'town 1'], ['--env', 'x', '--force']]) {
      const { err, io } = capture();
      expect(await cloudSetup(argv, CREDENTIALS, io)).toBe(2);
      expect(err.join('\n')).toContain('usage: npm run cloud:setup -- --env');
    }
  });

  it('without credentials and without --dry-run exits with a clear message and touches nothing', async () => {
    const { err, io } = capture();
    const connect = jest.fn();
    expect(await cloudSetup(['--env', 'town-prod-1'], { TENCENTCLOUD_SECRETID: 'AKIDonly' }, { ...io, connect })).toBe(1);
    expect(connect).not.toHaveBeenCalled();
    expect(err.join('\n')).toMatch(/missing credentials: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY/);
  });

  it('sets up an empty environment, then a second run changes nothing', async () => {
    const env = fakeEnvironment();
    const connect = jest.fn(async () => env.manager);
    const first = capture();
    expect(await cloudSetup(['--env=town-prod-1'], CREDENTIALS, { ...first.io, connect })).toBe(0);
    expect(connect).toHaveBeenCalledWith('town-prod-1', { secretId: 'AKIDtest', secretKey: 'secret', token: undefined });

    const collections = Object.values(COLLECTIONS);
    expect([...env.tables.keys()].sort()).toEqual([...collections].sort());
    for (const decl of INDEXES) {
      const made = env.tables.get(decl.collection)!.indexes.find((i) => i.Name === indexName(decl.fields));
      expect(made).toEqual({ Name: indexName(decl.fields), Keys: decl.fields.map((Name) => ({ Name, Direction: '1' })), Unique: decl.unique ?? false });
    }
    for (const name of collections) {
      const acl = env.tables.get(name)!.acl!;
      expect(acl.AclTag).toBe('CUSTOM');
      expect(JSON.parse(acl.Rule!)).toEqual(DATABASE_RULE);
    }
    expect(env.storage()).toEqual({ acl: 'CUSTOM', rule: STORAGE_RULE });
    expect(env.changes).toHaveLength(collections.length * 2 + INDEXES.length + 1);

    const changesBefore = env.changes.length;
    const second = capture();
    expect(await cloudSetup(['--env', 'town-prod-1'], CREDENTIALS, { ...second.io, connect })).toBe(0);
    expect(env.changes).toHaveLength(changesBefore);
    expect(second.out.join('\n')).toContain('nothing to change');
  });

  it('finishes a half-set-up environment: only the missing index and the changed rules', async () => {
    const env = fakeEnvironment();
    const connect = async () => env.manager;
    await cloudSetup(['--env', 'town-prod-1'], CREDENTIALS, { ...capture().io, connect });
    // Someone dropped an index and opened a collection to all readers in the console.
    const cases = env.tables.get('cases')!;
    cases.indexes = cases.indexes.filter((i) => i.Name !== 'idx_queue_dueAt_id');
    env.tables.get('persons')!.acl = { AclTag: 'READONLY' };
    env.changes.length = 0;

    const dry = capture();
    expect(await cloudSetup(['--env', 'town-prod-1', '--dry-run'], CREDENTIALS, { ...dry.io, connect })).toBe(0);
    expect(env.changes).toEqual([]);
    expect(dry.out.filter((line) => line.startsWith('  '))).toEqual([
      '  create index cases.idx_queue_dueAt_id (queue, dueAt, _id)',
      '  set database rule of persons: {"read":false,"write":false}',
    ]);

    expect(await cloudSetup(['--env', 'town-prod-1'], CREDENTIALS, { ...capture().io, connect })).toBe(0);
    expect(env.changes).toEqual(['index cases.idx_queue_dueAt_id', 'rule persons']);
  });

  it('an index made by hand with the same fields counts as present; a failing call stops with a clear message', async () => {
    const env = fakeEnvironment();
    const connect = async () => env.manager;
    await env.manager.database.createCollectionIfNotExists('users');
    await env.manager.database.updateCollection('users', {
      CreateIndexes: [{ IndexName: 'openid_1', MgoKeySchema: { MgoIndexKeys: [{ Name: 'openid', Direction: '1' }], MgoIsUnique: true } }],
    });
    const dry = capture();
    await cloudSetup(['--env', 'town-prod-1', '--dry-run'], CREDENTIALS, { ...dry.io, connect });
    expect(dry.out.join('\n')).not.toContain('users.idx_openid');
    expect(dry.out).toContain('  create index grids.idx_villageId (villageId)');

    env.manager.database.updateCollection = async () => {
      throw new Error('LimitExceeded');
    };
    const run = capture();
    expect(await cloudSetup(['--env', 'town-prod-1'], CREDENTIALS, { ...run.io, connect })).toBe(1);
    expect(run.err.join('\n')).toContain('cloud setup failed: LimitExceeded');
    expect(env.tables.get('users')!.indexes.map((i) => i.Name)).toEqual(['_id_', 'openid_1']);
  });
});
