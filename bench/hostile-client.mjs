// The hostile-input bench's clients (bench/hostile.ts), in their own thread like client-worker.mjs: an attacker sends
// the corpus, an officer asks for a sweep, and other users keep reading; all at once. Plain JS (no tsx in workers).
import { parentPort, workerData } from 'node:worker_threads';

const { base, attackers, sweepToken, readers, uploadLimit, queued, quietReads } = workerData;

const KB = 1024;
/** Just under the runtime's 100 KB body limit, so the junk reaches the schema instead of the size check. */
const UNDER_LIMIT = 95 * KB;

/** A JSON array of `bytes` bytes or so, of mixed junk items. */
function junkArray(bytes) {
  const item = '[0,"x",{"a":[]},null,true],';
  return '[' + item.repeat(Math.floor(bytes / item.length)).slice(0, -1) + ']';
}

function call(action, inputJson) {
  return `{"action":${JSON.stringify(action)},"input":${inputJson}}`;
}

/** Every top-level input key given the same value (the JSON of `value(i)`); a few made-up keys when none is known. */
function eachKey(keys, value) {
  const names = keys.length ? keys : ['a', 'b', 'c'];
  return '{' + names.map((k, i) => `${JSON.stringify(k)}:${value(i, names.length)}`).join(',') + '}';
}

/** The corpus for one action: [label, path, body]. */
function corpusFor(fn, action, keys) {
  const path = `/api/call/${fn}`;
  const types = ['12345', 'true', 'null', '{}', '[]', '"x"', '-1e309', '{"$where":"1"}'];
  const items = [
    ['1 MB array junk', path, call(action, junkArray(1024 * KB))],
    ['array junk under the limit', path, call(action, junkArray(UNDER_LIMIT))],
    ['array junk in every field', path, call(action, eachKey(keys, (_, n) => junkArray(UNDER_LIMIT / n)))],
    ['oversized strings', path, call(action, eachKey(keys, (_, n) => JSON.stringify('长'.repeat(Math.floor(UNDER_LIMIT / 3 / n)))))],
    ['wrong types', path, call(action, eachKey(keys, (i) => types[i % types.length]))],
    ['input not an object', path, call(action, '"input"')],
    ['deep nesting', path, call(action, '['.repeat(40_000) + ']'.repeat(40_000))],
    ['deep objects', path, call(action, '{"a":'.repeat(15_000) + '1' + '}'.repeat(15_000))],
    ['malformed JSON', path, `{"action":${JSON.stringify(action)},"input":{"a":[1,2`],
  ];
  if (fn === 'visits' && action === 'record') {
    // The reported attack: 330,000 empty visit members (over the body limit), and as many as fit under it.
    items.push(['330,000 empty members', path, call(action, `{"householdId":"h","members":[${'{},'.repeat(330_000 - 1)}{}]}`)]);
    items.push(['empty members under the limit', path, call(action, `{"householdId":"h","members":[${'{},'.repeat(UNDER_LIMIT / 3 - 1)}{}]}`)]);
  }
  return items;
}

/** What every signed-in role can send besides an action's input. */
function requestJunk() {
  return [
    ['action not a string', 'POST', '/api/call/cases', '{"action":12345,"input":{}}'],
    ['oversized action name', 'POST', '/api/call/cases', call('a'.repeat(50_000), '{}')],
    ['unknown function', 'POST', '/api/call/nope', call('x', '{}')],
    ['broken percent-encoding', 'GET', '/api/call/%E0%A4%A', undefined],
    ['broken percent-encoding (POST)', 'POST', '/api/call/%E0%A4%A', call('x', '{}')],
    ['lone percent', 'GET', '/%', undefined],
    ['encoded traversal', 'GET', '/..%2F..%2F..%2Fetc%2Fpasswd', undefined],
    ['NUL in the path', 'GET', '/api/call/cases%00', undefined],
    ['very long path', 'GET', '/api/call/' + 'a'.repeat(6000), undefined],
    ['photo with a bad token', 'GET', '/files/x?t=%ZZ', undefined],
    ['oversized upload', 'POST', '/api/upload?purpose=report', { bytes: uploadLimit + 1024 * KB }],
    ['upload of junk bytes', 'POST', '/api/upload?purpose=report', 'not an image at all'],
    ['upload for no purpose', 'POST', '/api/upload?purpose=%ZZ', 'x'],
  ];
}

const errors = { count: 0, maxBytes: 0, worst: '', resets: 0, status500: 0, accepted: 0 };

async function send(label, method, path, token, body) {
  const payload = body && typeof body === 'object' ? new Uint8Array(body.bytes) : body;
  let res;
  try {
    res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: payload });
  } catch {
    errors.resets += 1; // a connection reset instead of a coded answer
    return;
  }
  const text = Buffer.from(await res.arrayBuffer());
  const bytes = text.byteLength;
  if (res.status === 500) errors.status500 += 1;
  // A coded error comes as `{ ok: false }`, with 200 or a transport status (413, 400 …); anything else is not an error
  // answer (e.g. the H5 page for a path outside the API).
  let coded = false;
  try {
    coded = JSON.parse(text.toString('utf8')).ok === false;
  } catch {
    // Not JSON: an HTML page or a bare status, judged by the status below.
  }
  if (res.status < 400 && !coded) {
    if (res.headers.get('content-type')?.includes('json')) errors.accepted += 1;
    return;
  }
  errors.count += 1;
  if (bytes > errors.maxBytes) Object.assign(errors, { maxBytes: bytes, worst: `${res.status} ${label}` });
}

async function attack() {
  for (const { token, targets } of attackers) {
    for (const [label, method, path, body] of requestJunk()) await send(label, method, path, token, body);
    for (const { fn, action, keys } of targets) {
      for (const [label, path, body] of corpusFor(fn, action, keys)) await send(`${fn}.${action}: ${label}`, 'POST', path, token, body);
    }
  }
}

/** Reads by the other users, in turn, until `stop.done` or `count` reads. */
async function read(samples, stop, count = Infinity) {
  for (let i = 0; !stop.done && i < count; i++) {
    const { token, fn, action, input } = readers[i % readers.length];
    const started = performance.now();
    const res = await fetch(`${base}/api/call/${fn}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ action, input }) });
    const json = await res.json();
    if (!json.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(json.error)}`);
    samples.push(performance.now() - started);
  }
}

/** Sweeps until the queued messages are all sent: one sweep stops at its time budget and the next resumes. */
async function sweepAll() {
  let sent = 0;
  let sweeps = 0;
  while (sent < queued) {
    const res = await fetch(`${base}/api/sweep`, { method: 'POST', headers: { authorization: `Bearer ${sweepToken}` } });
    const json = await res.json();
    if (!json.ok) throw new Error(`sweep: ${JSON.stringify(json.error)}`);
    // What the notify sweep sent, and any follow-up it had scheduled (`notify.delayed.<n>`, run first).
    const more = Object.entries(json.data)
      .filter(([key]) => key.startsWith('notify.'))
      .reduce((n, [, answer]) => n + (answer?.data?.sent ?? 0), 0);
    sweeps += 1;
    if (more === 0) break;
    sent += more;
  }
  return { sent, sweeps };
}

async function main() {
  // The same reads with nothing else going on, to compare against.
  const quiet = [];
  await read(quiet, { done: false }, quietReads);
  const samples = [];
  const stop = { done: false };
  const reading = read(samples, stop);
  const started = performance.now();
  const sweep = sweepAll().then((swept) => ({ ...swept, ms: performance.now() - started }));
  await attack();
  const attackMs = performance.now() - started;
  const swept = await sweep;
  stop.done = true;
  await reading;
  return { errors, quiet, samples, attackMs, sweep: swept };
}

main().then(
  (result) => parentPort.postMessage({ result }),
  (error) => parentPort.postMessage({ error: String(error?.stack ?? error) }),
);
