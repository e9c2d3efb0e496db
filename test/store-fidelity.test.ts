// Infidelities of the reference store that the behaviour diff against a real OpenCart 3.0.5.0 found (README, "What
// changed"), each pinned here with what the real store answered.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStore, type ReferenceStore } from '../store';

describe('the reference store, where the diff against a real 3.0.5.0 found it unlike', () => {
  let store: ReferenceStore;
  let base: string;
  before(async () => {
    store = createStore();
    base = await store.listen(0, '127.0.0.1');
  });
  after(() => store.close());

  const post = async (route: string, body: string, token?: string): Promise<unknown> => {
    const res = await fetch(`${base}index.php?route=${route}${token ? `&api_token=${token}` : ''}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    return res.json();
  };

  it('answers api/reward with a list of points as PHP compares an array: the maximum, not "enter the amount"', async () => {
    const { api_token: token } = (await post('api/login', `username=Default&key=${store.apiKey}`)) as { api_token: string };
    assert.deepEqual(await post('api/reward', 'reward[]=1', token), { error: 'Warning: The maximum number of points that can be applied is 0!' });
    assert.deepEqual(await post('api/reward', 'reward=', token), { error: 'Warning: Please enter the amount of reward points to use!' });
  });

  it("has the address formats of OpenCart's install for Germany and the United States (api/order/info shows them)", () => {
    const format = (id: number): string => (store.db.prepare('SELECT address_format FROM in_country WHERE country_id = ?').get(id) as { address_format: string }).address_format;
    assert.equal(format(223), '{firstname} {lastname}\r\n{company}\r\n{address_1}\r\n{address_2}\r\n{city}, {zone} {postcode}\r\n{country}');
    assert.equal(format(81), '{company}\r\n{firstname} {lastname}\r\n{address_1}\r\n{address_2}\r\n{postcode} {city}\r\n{country}');
    assert.equal(format(222), '', 'the United Kingdom has none in the install either');
  });
});
