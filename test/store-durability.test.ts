// The reference store under a burst and a crash: concurrent sessions leave the database consistent, and a store
// killed mid-burst (SIGKILL, no clean shutdown) loses no committed order (SQLite WAL, one transaction per request).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../store/db/database';
import { StoreClient, UK, GUEST } from './support/store-client';

const ROOT = path.resolve(__dirname, '..');
const KEY = 'd'.repeat(64);

async function placeOrder(base: string, quantity: number): Promise<number> {
  const c = new StoreClient(base);
  await c.login(KEY);
  await c.call('api/customer', GUEST);
  await c.call('api/cart/add', { product_id: 40, quantity });
  await c.call('api/payment/address', UK);
  await c.call('api/shipping/address', UK);
  await c.call('api/shipping/methods');
  await c.call('api/payment/methods');
  const answer = (await c.call('api/order/add', { payment_method: 'cod', shipping_method: 'flat.flat' })).json as { order_id?: number };
  assert.ok(answer.order_id, JSON.stringify(answer));
  return answer.order_id;
}

function startStoreProcess(dbPath: string): Promise<{ base: string; kill: () => void; exited: Promise<void> }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'store/main.ts'), '--port', '0', '--db', dbPath], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const base = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (base && out.includes('\n')) resolve({ base, kill: () => child.kill('SIGKILL'), exited });
    });
    child.on('exit', (code) => reject(new Error(`the store exited (${code}): ${out}`)));
  });
}

describe('the reference store under a burst and a crash', () => {
  it('keeps every committed order and a consistent database after SIGKILL mid-burst', async () => {
    const dbPath = path.join(mkdtempSync(path.join(tmpdir(), 'invotide-crash-')), 'store.sqlite');
    // First start creates and seeds the file; its Default key is then set so this test can log in.
    const first = await startStoreProcess(dbPath);
    first.kill();
    await first.exited;
    const seeded = openDatabase(dbPath).raw; // whichever SQLite this Node.js runs the store on
    seeded.prepare("UPDATE in_api SET key = ? WHERE username = 'Default'").run(KEY);
    const stockBefore = (seeded.prepare('SELECT quantity FROM in_product WHERE product_id = 40').get() as { quantity: number }).quantity;
    seeded.close();

    const store = await startStoreProcess(dbPath);
    const committed = await Promise.all(Array.from({ length: 6 }, () => placeOrder(store.base, 2)));
    // A burst of writes in flight when the process dies.
    const burst = Array.from({ length: 30 }, () => placeOrder(store.base, 1).catch(() => undefined));
    await new Promise((r) => setTimeout(r, 40));
    store.kill();
    await store.exited;
    const survivors = (await Promise.all(burst)).filter((id): id is number => typeof id === 'number');

    const db = openDatabase(dbPath).raw;
    try {
      assert.equal((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
      const orders = new Set((db.prepare('SELECT order_id FROM in_order').all() as Array<{ order_id: number }>).map((r) => r.order_id));
      for (const id of [...committed, ...survivors]) assert.ok(orders.has(id), `order ${id} was answered as placed but is gone`);
      // No half-written order: every order has its product lines, totals and history, and stock matches what was sold.
      const partial = db.prepare(`SELECT o.order_id FROM in_order o WHERE NOT EXISTS (SELECT 1 FROM in_order_product p WHERE p.order_id = o.order_id)
        OR NOT EXISTS (SELECT 1 FROM in_order_total t WHERE t.order_id = o.order_id AND t.code = 'total')
        OR NOT EXISTS (SELECT 1 FROM in_order_history h WHERE h.order_id = o.order_id)`).all();
      assert.deepEqual(partial, []);
      const sold = (db.prepare('SELECT COALESCE(SUM(quantity), 0) AS n FROM in_order_product WHERE product_id = 40').get() as { n: number }).n;
      const stockAfter = (db.prepare('SELECT quantity FROM in_product WHERE product_id = 40').get() as { quantity: number }).quantity;
      assert.equal(stockAfter, stockBefore - sold, 'stock = before − every unit of every stored order');
    } finally {
      db.close();
    }
  });
});
