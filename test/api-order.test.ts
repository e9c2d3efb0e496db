// The order library: the money arithmetic that ties order/info's stored total to the cart's formatted Total, the shape
// check of order/info's order, and the fixture look-ups the order scenarios lean on.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ApiResponse } from '../src/client';
import { fixtureAt, loadFixtures, MissingDatumError } from '../src/fixtures';
import {
  ORDER_INFO_KEYS, cartTotalText, moneyCents, optionField, orderAddMessage, orderShapeProblems, orderState, productRoleWith,
  storedTotalCents, type OrderWorld,
} from '../src/api/order';

const fixtures = loadFixtures(path.join(__dirname, '..', 'targets', 'provisioned.json'));

function world(): OrderWorld {
  return {
    call: async () => ({}) as ApiResponse,
    fixture: (p: string) => fixtureAt(fixtures, p),
    createdOrders: [],
  };
}

/** order/info's order as recorded exchange 100 recorded it. */
function observedOrder(): Record<string, unknown> {
  const order: Record<string, unknown> = Object.fromEntries(ORDER_INFO_KEYS.map((k) => [k, '']));
  Object.assign(order, { order_id: '1', custom_field: [], payment_custom_field: [], shipping_custom_field: [], total: '278.2000', order_status: 'Pending' });
  return order;
}

describe('money', () => {
  it('reads formatted amounts in hundredths, whatever the symbol and its side', () => {
    assert.equal(moneyCents('$123.20'), 12320);
    assert.equal(moneyCents('96.66€'), 9666);
    assert.equal(moneyCents('£75.46'), 7546);
    assert.equal(moneyCents('$1,000.00'), 100000);
    assert.equal(moneyCents('$0.00'), 0);
  });

  it('reads negative amounts with the sign before or after a left symbol', () => {
    assert.equal(moneyCents('$-150.00'), -15000);
    assert.equal(moneyCents('-117.69€'), -11769);
  });

  it('converts a stored total into the order currency as the store formats it', () => {
    assert.equal(storedTotalCents('278.2000', '1.00000000'), 27820); // recorded exchange 95/100
    assert.equal(storedTotalCents('123.2000', '0.78460002'), 9666); // the EUR sample of targets/demo.json
    assert.equal(storedTotalCents('123.2000', '0.61250001'), 7546); // the GBP sample
    assert.equal(storedTotalCents('96.4000', '0.78460002'), 7564);
    assert.equal(storedTotalCents('0.0000', '1.00000000'), 0);
  });

  it('rounds a half cent away from zero, and binary noise not at all', () => {
    assert.equal(storedTotalCents('0.0050', '1'), 1);
    assert.equal(storedTotalCents('-0.0050', '1'), -1);
    assert.equal(storedTotalCents('96.4', '1'), 9640);
    assert.equal(storedTotalCents('1.0049', '1'), 100);
  });

  it('takes the cart Total from the last totals line', () => {
    assert.equal(cartTotalText({ totals: [{ title: 'Sub-Total', text: '$226.00' }, { title: 'Total', text: '$270.20' }] }), '$270.20');
    assert.throws(() => cartTotalText({ totals: [] }), assert.AssertionError);
  });
});

describe('order/info shape', () => {
  it('documents 65 keys', () => assert.equal(ORDER_INFO_KEYS.length, 65));

  it('accepts the order as the store recorded it', () => {
    assert.deepEqual(orderShapeProblems(observedOrder()), []);
  });

  it('accepts no status name for status 0', () => {
    assert.deepEqual(orderShapeProblems({ ...observedOrder(), order_status_id: '0', order_status: null }), []);
  });

  it('names a missing key, an extra key, a number and an encoded custom field', () => {
    const { ip: _ip, ...withoutIp } = observedOrder();
    assert.deepEqual(orderShapeProblems({ ...withoutIp, products: [] }), ['missing keys: ip', 'keys the store does not give: products']);
    assert.deepEqual(orderShapeProblems({ ...observedOrder(), order_id: 1 }), ['order_id is 1, expected a string']);
    assert.deepEqual(orderShapeProblems({ ...observedOrder(), custom_field: '[]' }), ['custom_field is "[]", expected decoded JSON (an array or object)']);
  });

  it('notices keys in another order', () => {
    const { order_id, ...rest } = observedOrder();
    assert.deepEqual(orderShapeProblems({ ...rest, order_id }), ['the keys are in another order']);
  });
});

describe('fixtures for orders', () => {
  it('finds the product roles by what their fixtures name', () => {
    assert.equal(productRoleWith(world(), 'minimum'), 'with every option type');
    assert.equal(productRoleWith(world(), 'low stock value'), 'with a required select');
    assert.throws(() => productRoleWith(world(), 'no such datum'), MissingDatumError);
  });

  it('sends choice options by value id, checkboxes as a list, text options as text', () => {
    assert.deepEqual(optionField(world(), 'with a required select', 'select', 'Blue'), ['9990001', '9990002']);
    assert.deepEqual(optionField(world(), 'with every option type', 'checkbox'), ['9990010', ['9990010']]);
    assert.deepEqual(optionField(world(), 'with every option type', 'date'), ['9990006', '2011-02-20']);
    assert.throws(() => optionField(world(), 'with a required select', 'select', 'Green'), MissingDatumError);
  });

  it('names the product below its minimum in the minimum message', () => {
    const w = world();
    orderState(w).belowMinimum = 'with every option type';
    assert.equal(orderAddMessage(w, 'orderMinimum'), 'Warning: Minimum order amount for Invotide Every Option 30&quot; is 2!');
    assert.equal(orderAddMessage(w, 'customerRequired'), 'Warning: Customer details needs to be set!');
  });
});
