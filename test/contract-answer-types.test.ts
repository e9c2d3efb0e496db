// The contract owns the answers' shapes: the TypeScript types the tasks read answers with name exactly the properties
// of their schema variants, and the order of order/info's keys is read from the schema (x-key-order), not a copy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Contract } from '../src/contract';
import { ANSWER_KEYS } from '../src/api/order';
import { LOGIN_SUCCESS_KEYS } from '../src/api/login';

const contract = Contract.load();
const schema = (file: string, name: string): Record<string, unknown> => {
  const defs = (contract.files.byId.get(file) as { $defs: Record<string, Record<string, unknown>> }).$defs;
  return defs[name];
};
const propertiesOf = (file: string, name: string): string[] => Object.keys(schema(file, name).properties as object);

describe('answer types and their schemas', () => {
  for (const [file, name, keys] of [
    ['order.json', 'OrderAdded', ANSWER_KEYS.OrderAdded],
    ['order.json', 'OrderInfo', ANSWER_KEYS.OrderInfo],
    ['login.json', 'LoginSuccess', LOGIN_SUCCESS_KEYS],
  ] as const) {
    it(`${name} names the properties of ${file}#/$defs/${name}`, () => {
      assert.deepEqual(Object.keys(keys).sort(), propertiesOf(file, name).sort());
    });
  }
});

describe('order/info: the order of its keys', () => {
  const example = (schema('order.json', 'OrderInfo').examples as Array<{ order: Record<string, unknown> }>)[0];
  const answer = (order: Record<string, unknown>): unknown => ({ order, success: 'Success: You have modified orders!' });

  it('the schema lists the 65 keys once, required in the order of its properties, and asks for that order', () => {
    const order = schema('order.json', 'Order');
    assert.equal(propertiesOf('order.json', 'Order').length, 65);
    assert.deepEqual(order.required, propertiesOf('order.json', 'Order'));
    assert.equal(order['x-key-order'], true);
  });

  it('accepts the recorded order, and one with a status but no name', () => {
    assert.deepEqual(contract.keyOrderProblems('api/order/info', answer(example.order)), []);
    assert.deepEqual(contract.keyOrderProblems('api/order/info', answer({ ...example.order, order_status_id: '0', order_status: null })), []);
  });

  it('names the first key out of place', () => {
    const { order_id, ...rest } = example.order;
    assert.deepEqual(contract.keyOrderProblems('api/order/info', answer({ ...rest, order_id })), ['/order: "invoice_no" where the contract has "order_id" (key 1 of 65)']);
  });

  it('leaves an extra key to the undocumented-fields rule, and a missing one to the validators', () => {
    const { ip: _ip, ...withoutIp } = example.order;
    const body = answer({ ...withoutIp, products: [] });
    assert.deepEqual(contract.keyOrderProblems('api/order/info', body), []);
    assert.deepEqual(contract.undocumentedFields('api/order/info', body), ['/order/products']);
    assert.equal(contract.validate('api/order/info', 200, 'application/json', answer({ ...example.order, products: [] })).variant, 'OrderInfo');
    assert.equal(contract.validate('api/order/info', 200, 'application/json', body).ok, false);
  });

  it('judges types as the schema does: strings, decoded custom fields, a null status', () => {
    assert.equal(contract.validate('api/order/info', 200, 'application/json', answer({ ...example.order, order_id: 1 })).ok, false);
    assert.equal(contract.validate('api/order/info', 200, 'application/json', answer({ ...example.order, custom_field: '[]' })).ok, false);
  });
});
