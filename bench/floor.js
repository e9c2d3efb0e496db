// The floor of a conformance run: the exchanges a run made (recorded with INVOTIDE_RECORD_EXCHANGES), replayed in
// order by bare undici against a fresh reference store in this process: no cucumber, no validation, no reports.
// Plain JavaScript on the compiled store (`npm run build`), so its start-up is as lean as the suite's.
// Usage: node bench/floor.js <recording.ndjson>; prints {"exchanges": n, "replayMs": t} on stdout.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { Pool } = require('undici');
const { createStore } = require(path.join(__dirname, '../dist/store'));

async function main(file) {
  const exchanges = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const store = createStore();
  const base = await store.listen(0, '127.0.0.1');
  const pools = new Map();
  const pool = (local = '') => {
    if (!pools.has(local)) pools.set(local, new Pool(base, { connections: 16, localAddress: local || undefined }));
    return pools.get(local);
  };
  // Tokens are re-issued: each recorded login's token maps to the one this store answers.
  const tokens = new Map();
  const swap = (text) => text.replace(/[0-9a-f]{26}/g, (t) => tokens.get(t) ?? t);
  const withKeys = (text) => text
    .replace(/(key=)[^&]*/, `$1${encodeURIComponent(store.apiKey)}`)
    .replace(/(username=Restricted&key=)[^&]*/, `$1${encodeURIComponent(store.restrictedKey)}`);
  const t0 = performance.now();
  for (const ex of exchanges) {
    const url = new URL(swap(ex.url));
    const res = await pool(ex.localAddress).request({
      path: url.pathname + url.search,
      method: ex.method,
      headers: ex.method === 'GET' ? {} : { 'content-type': ex.contentType ?? 'application/x-www-form-urlencoded' },
      body: ex.method === 'GET' ? undefined : ex.route === 'api/login' ? withKeys(ex.body) : swap(ex.body),
    });
    const text = await res.body.text();
    const issued = ex.route === 'api/login' && ex.token ? /"api_token":"([0-9a-f]{26})"/.exec(text)?.[1] : undefined;
    if (issued) tokens.set(ex.token, issued);
  }
  const replayMs = performance.now() - t0;
  await Promise.all([...pools.values()].map((p) => p.close()));
  await store.close();
  console.log(JSON.stringify({ exchanges: exchanges.length, replayMs }));
}

main(process.argv[2]).catch((error) => {
  console.error(`floor: ${error.stack ?? error}`);
  process.exit(1);
});
