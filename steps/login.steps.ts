// api/login and the token rules.
import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { assertErrorMessage, assertVariant } from '../src/answers';
import { MESSAGES } from '../src/api/messages';
import { STORM_STEP_TIMEOUT_MS } from '../src/security';
import type { ConformanceWorld } from './support/world';

When('I log in with the configured user and key', async function (this: ConformanceWorld) {
  await this.login();
});

When('I log in with only the key', async function (this: ConformanceWorld) {
  this.answered(await this.session().login(undefined, this.parameters.apiKey ?? ''));
});

When('I log in with a wrong key', async function (this: ConformanceWorld) {
  this.answered(await this.session().login(this.parameters.apiUsername, 'wrong-key'));
});

When('I log in as an unknown user with the right key', async function (this: ConformanceWorld) {
  this.answered(await this.session().login('no-such-api-user', this.parameters.apiKey ?? ''));
});

When('I log in with an empty body', async function (this: ConformanceWorld) {
  await this.call('api/login', {}, { withoutToken: true });
});

When('I log in with the credentials in a JSON body', async function (this: ConformanceWorld) {
  const { apiUsername: username, apiKey: key } = this.parameters;
  await this.call('api/login', undefined, { withoutToken: true, rawBody: JSON.stringify({ username, key }), headers: { 'content-type': 'application/json' } });
});

When('I log in with the credentials in the query string', async function (this: ConformanceWorld) {
  const { apiUsername: username, apiKey: key } = this.parameters;
  await this.call('api/login', undefined, { withoutToken: true, method: 'GET', query: { username, key } });
});

When('I log in as the disabled user', async function (this: ConformanceWorld) {
  this.answered(await this.session().login(this.parameters.disabledUsername, this.parameters.disabledKey ?? ''));
});

When('I log in as the restricted user', async function (this: ConformanceWorld) {
  this.answered(await this.session().login(this.parameters.restrictedUsername, this.parameters.restrictedKey ?? ''));
});

When('I log in from the alternate source address', async function (this: ConformanceWorld) {
  const { apiUsername, apiKey, alternateSourceAddress } = this.parameters;
  this.answered(await this.session().login(apiUsername, apiKey ?? '', { localAddress: alternateSourceAddress }));
});

When('I log in from the alternate source address claiming an allowed one in X-Forwarded-For', async function (this: ConformanceWorld) {
  const { apiUsername, apiKey, alternateSourceAddress } = this.parameters;
  this.answered(await this.session().login(apiUsername, apiKey ?? '', { localAddress: alternateSourceAddress, headers: { 'x-forwarded-for': '127.0.0.1' } }));
});

Then('I receive an api_token', function (this: ConformanceWorld) {
  const r = this.answer();
  assertVariant(r, 'LoginSuccess');
  assert.match(String((r.json as { api_token: unknown }).api_token), /^[0-9a-z]{16,64}$/, 'api_token shape');
});

Then('the token opens a session', async function (this: ConformanceWorld) {
  const r = this.answer();
  const token = (r.json as { api_token: string }).api_token;
  const products = this.answered(await this.session().call({ route: 'api/cart/products', token }));
  assert.ok(!('error' in (products.json as object)) || !(products.json as { error: { warning?: string } }).error.warning, `the new token was refused: ${products.text.slice(0, 200)}`);
  assertVariant(this.answer(), 'CartContents');
});

Then('the login is refused for the address {string}', function (this: ConformanceWorld, address: string) {
  const r = this.answer();
  assertVariant(r, 'LoginIpNotAllowed');
  assertErrorMessage(r, 'ip', MESSAGES.loginIp(this.interpolate(address)));
  assertErrorMessage(r, 'key', MESSAGES.loginKey);
});

Then('the login is refused for this machine\'s address', function (this: ConformanceWorld) {
  const r = this.answer();
  assertVariant(r, 'LoginIpNotAllowed');
  assert.match(String((r.json as { error: { ip: string } }).error.ip), /^Warning: Your IP .+ is not allowed to access this API!$/);
  assertErrorMessage(r, 'key', MESSAGES.loginKey);
});

When('my token was last used {int} minutes ago', async function (this: ConformanceWorld, minutes: number) {
  await ageOwnSession(this, 'age-token', minutes * 60);
});

When('my session data expired a minute ago', async function (this: ConformanceWorld) {
  await ageOwnSession(this, 'age-session', 60);
});

/** Ages this scenario's own token through the embedded store's control door (see @embedded-only). */
async function ageOwnSession(world: ConformanceWorld, what: 'age-token' | 'age-session', seconds: number): Promise<void> {
  const token = world.session().token;
  assert.ok(token && world.parameters.controlUrl, 'needs a logged-in session on the embedded store');
  const res = await fetch(`${world.parameters.controlUrl}${what}?token=${token}&seconds=${seconds}`, { method: 'POST' });
  const { changed } = (await res.json()) as { changed: number };
  assert.equal(changed, 1, `the store kept no row for this token to age (${what})`);
}

// A store that slows refused logins down (a hardened one does) takes longer than cucumber's 5 s per step.
When('I log in with a wrong key {int} times', { timeout: STORM_STEP_TIMEOUT_MS }, async function (this: ConformanceWorld, times: number) {
  const answers = [];
  for (let i = 0; i < times; i++) answers.push(await this.session().login(this.parameters.apiUsername, `wrong-key-${i}`));
  this.bruteForceAnswers = answers;
  if (answers.length) this.answered(answers[answers.length - 1]);
});

Then('every one of those logins was refused with an empty list', function (this: ConformanceWorld) {
  this.answer();
  const answers = this.bruteForceAnswers ?? [];
  assert.ok(answers.length > 0, 'no login was attempted');
  assert.deepEqual(answers.filter((r) => !(Array.isArray(r.json) && r.json.length === 0)).map((r) => `${r.status} ${r.text.slice(0, 80)}`), []);
});
