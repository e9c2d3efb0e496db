// The order library: the money arithmetic that ties order/info's stored total to the cart's formatted Total, and the
// fixture look-ups the order scenarios lean on (order/info's shape is the contract's: test/contract-answer-types.test.ts).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ApiResponse } from '../src/client';
import { fixtureAt, loadFixtures, MissingDatumError } from '../src/fixtures';
import { newCartState } from '../src/api/cart';
import { cents } from '../src/api/money';
import {
  cartTotalText, orderAddMessage, newOrderState, productRoleWith, storedTotalCents, textColumn, type OrderWorld,
} from '../src/api/order';
import { Target, declaredProfile } from '../src/target/profile';

const fixtures = loadFixtures(path.join(__dirname, '..', 'targets', 'provisioned.json'));

function world(): OrderWorld {
  return {
    call: async () => ({}) as ApiResponse,
    fixture: (p: string) => fixtureAt(fixtures, p),
    target: new Target(declaredProfile(fixtures)),
    answer: () => ({}) as ApiResponse,
    lastCartRead: () => undefined,
    cart: newCartState(),
    createdOrders: [],
    order: newOrderState(),
  };
}

describe('money', () => {
  it('reads formatted amounts in hundredths, whatever the symbol and its side', () => {
    assert.equal(cents('$123.20'), 12320);
    assert.equal(cents('96.66€'), 9666);
    assert.equal(cents('£75.46'), 7546);
    assert.equal(cents('$1,000.00'), 100000);
    assert.equal(cents('$0.00'), 0);
  });

  it('reads negative amounts with the sign before or after a left symbol', () => {
    assert.equal(cents('$-150.00'), -15000);
    assert.equal(cents('-117.69€'), -11769);
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

describe('a comment in a TEXT column', () => {
  it('keeps 65535 bytes, cut back to a whole character', () => {
    assert.equal(textColumn('a'.repeat(65534) + 'b'), 'a'.repeat(65534) + 'b');
    assert.equal(textColumn('a'.repeat(65535) + 'b'), 'a'.repeat(65535));
    assert.equal(textColumn('a'.repeat(65534) + 'é'), 'a'.repeat(65534));
  });
});

describe('fixtures for orders', () => {
  it('finds the product roles by what their fixtures name', () => {
    assert.equal(productRoleWith(world(), 'minimum'), 'with every option type');
    assert.equal(productRoleWith(world(), 'low stock value'), 'with a required select');
    assert.throws(() => productRoleWith(world(), 'no such datum'), MissingDatumError);
  });

  it('names the product below its minimum in the minimum message', () => {
    const w = world();
    w.order.belowMinimum = 'with every option type';
    assert.equal(orderAddMessage(w, 'orderMinimum'), 'Warning: Minimum order amount for Invotide Every Option 30&quot; is 2!');
    assert.equal(orderAddMessage(w, 'customerRequired'), 'Warning: Customer details needs to be set!');
  });
});
