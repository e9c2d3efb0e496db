// Reference store: how the real store's MySQL columns keep a value in non-strict mode (store/db/columns.ts), and that
// rows written through Db.insert/update are kept that way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intDelta, intSumSql, keep, keepAs, keepRow, TABLES } from '../store/db/columns';
import { openDatabase } from '../store/db/database';

describe('reference store: MySQL column emulation', () => {
  it('DECIMAL columns receive the 14-digit text of the float, rounded by MySQL and clamped to their digits', () => {
    assert.equal(keep('in_order', 'total', 377.59999999999997), '377.6000');
    assert.equal(keep('in_order', 'total', -60), '-60.0000');
    assert.equal(keep('in_order', 'currency_value', 0.78460002), '0.78460002');
    assert.equal(keep('in_order', 'total', 1e30), '99999999999.9999');
    assert.equal(keep('in_order', 'total', -1e30), '-99999999999.9999');
    assert.equal(keep('in_order', 'total', Number.NaN), '0.0000');
  });

  it('VARCHAR(n) keeps the first n characters, not bytes', () => {
    assert.equal(keep('in_order', 'payment_postcode', 'LA1 1AA-EXTRA'), 'LA1 1AA-EX');
    assert.equal(keep('in_order', 'currency_code', 'Zoë💥X'), 'Zoë');
    assert.equal(keep('in_order', 'firstname', null), '');
  });

  it('TEXT keeps 65535 bytes, cut at a character boundary', () => {
    const short = 'é'.repeat(10);
    assert.equal(keep('in_order', 'comment', short), short);
    const long = 'é'.repeat(40000);
    const kept = keep('in_order', 'comment', long) as string;
    assert.equal(kept.length, 32767);
    assert.ok(Buffer.byteLength(kept) <= 65535);
  });

  it('INT rounds a fraction half away from zero and clamps to its range', () => {
    assert.deepEqual([2.5, -2.5, 2.4, 3e10, -3e10, Number.NaN, Infinity].map((n) => keepAs({ kind: 'int' }, n)), [3, -3, 2, 2147483647, -2147483648, 0, 2147483647]);
    assert.equal(keep('in_customer_reward', 'points', -300), -300);
  });

  it('a row keeps its listed columns by type and passes keys and dates as given', () => {
    assert.deepEqual(keepRow('in_order_total', { order_id: 7, code: 'sub_total', title: 'x'.repeat(300), value: 1.5, sort_order: 1, extra: 'kept' }), {
      order_id: 7, code: 'sub_total', title: 'x'.repeat(255), value: '1.5000', sort_order: 1, extra: 'kept',
    });
    for (const prefix of ['payment', 'shipping']) assert.deepEqual(TABLES.in_order[`${prefix}_postcode` as 'payment_postcode'], { kind: 'varchar', length: 10 });
  });

  it('Db.insert and Db.update write the kept values; an INT sum clamps in SQL', () => {
    const db = openDatabase();
    const id = db.insert('in_order_total', { order_id: 1, code: 'total', title: 'Total', value: 2 / 3, sort_order: 9 });
    db.update('in_order_total', { value: 1e30 }, 'order_total_id = ?', id);
    assert.deepEqual(db.get('SELECT code, value, sort_order FROM in_order_total WHERE order_total_id = ?', id), { code: 'total', value: '99999999999.9999', sort_order: 9 });
    db.run("INSERT INTO in_cart (api_id, customer_id, session_id, product_id, recurring_id, option, quantity, date_added) VALUES (1, 0, 's', 40, 0, '[]', 2147483000, '')");
    db.run(`UPDATE in_cart SET quantity = ${intSumSql('quantity')}`, intDelta(1e12));
    assert.equal(db.get<{ quantity: number }>('SELECT quantity FROM in_cart')?.quantity, 2147483647);
    db.raw.close();
  });
});
