// The load client, in its own thread so its work is not counted against the server's (on 2 cores, as a phone
// talking to the runtime would be). Plain JS: worker threads do not go through tsx.
import { parentPort, workerData } from 'node:worker_threads';

const { base, token, mode, path, bodies, runs, warmup, concurrency, follow } = workerData;

async function post(body) {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!json.ok) throw new Error(JSON.stringify(json.error));
  return json.data;
}

/** Request i's body: the template with {{i}} replaced (unique request ids) and, when following, the last cursor. */
function bodyFor(i, cursor) {
  const body = JSON.parse(JSON.stringify(bodies[i % bodies.length]).replaceAll('{{i}}', String(i)));
  if (follow && cursor) body.input[follow] = cursor;
  return body;
}

async function latency() {
  const samples = [];
  let cursor;
  for (let i = 0; i < warmup + runs; i++) {
    const started = performance.now();
    const data = await post(bodyFor(i, cursor));
    if (i >= warmup) samples.push(performance.now() - started);
    if (follow) cursor = data.next ?? undefined;
  }
  return samples;
}

async function throughput() {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < runs) await post(bodyFor(next++));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return runs / ((performance.now() - started) / 1000);
}

(mode === 'latency' ? latency() : throughput()).then(
  (result) => parentPort.postMessage({ result }),
  (error) => parentPort.postMessage({ error: String(error) }),
);
