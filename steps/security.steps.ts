// @security: what an attacker tries (src/security.ts), and whether the store let it through.
import { Before, Given, Then, When, defineParameterType } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { askEmbeddedControl } from '../src/runner/embedded-control';
import { EMBEDDED_HOST } from '../src/runner/embedded-store';
import {
  LOGIN_STORM_SWITCH,
  SCAN_STEP_TIMEOUT_MS,
  STORM_STEP_TIMEOUT_MS,
  TOKEN_PLACE_NAMES,
  chooseSessionId,
  describeStorm,
  letThrough,
  loginOwnApiUser,
  loginStorm,
  scanForLeaks,
  sendToken,
  stormResistance,
  type TokenPlace,
} from '../src/security';
import type { ConformanceWorld } from './support/world';

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
defineParameterType({ name: 'tokenPlace', regexp: new RegExp(TOKEN_PLACE_NAMES.map(escaped).join('|')), transformer: (place: string) => place as TokenPlace });

// Not a skip: a remote store has no admin the suite can act as, so these scenarios can never run there.
Before({ tags: '@store-admin' }, function (this: ConformanceWorld) {
  if (!this.parameters.controlUrl) return this.notApplicable('needs to act as the store\'s admin on an API user of its own, which only the embedded reference store lets the suite do');
});

Before({ tags: '@login-storm' }, function (this: ConformanceWorld) {
  if (!this.parameters.loginStorm) return this.skip(`sends a storm of wrong keys, which a run does only when asked (set ${LOGIN_STORM_SWITCH}=1)`);
});

const ownToken = (world: ConformanceWorld): string => world.session().token ?? assert.fail('no session is logged in');
const ownUserToken = (world: ConformanceWorld): string => world.ownApiUser?.token ?? assert.fail('no API user of the scenario\'s own is logged in');

When('a stranger calls {string} with my token in {tokenPlace}', async function (this: ConformanceWorld, route: string, place: TokenPlace) {
  this.probed(await sendToken(this.stranger(), route, ownToken(this), place));
});

When('a stranger calls {string} from the alternate source address with my token in {tokenPlace}', async function (this: ConformanceWorld, route: string, place: TokenPlace) {
  this.probed(await sendToken(this.stranger(), route, ownToken(this), place, this.parameters.alternateSourceAddress));
});

When('a stranger calls {string} with that user\'s token in {tokenPlace}', async function (this: ConformanceWorld, route: string, place: TokenPlace) {
  this.probed(await sendToken(this.stranger(), route, ownUserToken(this), place));
});

When('a stranger calls {string} with the session id I chose in {tokenPlace}', async function (this: ConformanceWorld, route: string, place: TokenPlace) {
  this.probed(await sendToken(this.stranger(), route, this.chosenSessionId ?? assert.fail('no session id was chosen'), place));
});

Then(/^the store refuses (?:it|them all)$/, function (this: ConformanceWorld) {
  this.answer();
  const through = letThrough(this.probes);
  assert.ok(this.probes.length > 0 && through.length === 0, `the store let ${through.length} of ${this.probes.length} requests through:\n${through.join('\n')}`);
});

Given('an API user of my own is logged in', async function (this: ConformanceWorld) {
  this.ownApiUser = await loginOwnApiUser(this.parameters.controlUrl!, this.session(), (key) => this.addSecret(key), EMBEDDED_HOST);
});

Given('an API user of my own, allowed only from the alternate source address, is logged in from there', async function (this: ConformanceWorld) {
  const alternate = this.parameters.alternateSourceAddress!;
  this.ownApiUser = await loginOwnApiUser(this.parameters.controlUrl!, this.session(), (key) => this.addSecret(key), alternate, alternate);
});

When('the store\'s admin disables that API user', async function (this: ConformanceWorld) {
  await askEmbeddedControl(this.parameters.controlUrl!, 'disable-api-user', { username: this.ownApiUser!.username });
});

When('the store\'s admin changes that API user\'s key', async function (this: ConformanceWorld) {
  await askEmbeddedControl(this.parameters.controlUrl!, 'change-api-key', { username: this.ownApiUser!.username });
});

When('I log in with the user name and key in the query string of a POST', async function (this: ConformanceWorld) {
  const { apiUsername: username, apiKey: key } = this.parameters;
  await this.call('api/login', undefined, { withoutToken: true, query: { username, key }, allowViolation: true });
});

Then('no session was started', function (this: ConformanceWorld) {
  const r = this.answer();
  assert.ok(!(r.json as { api_token?: unknown } | undefined)?.api_token, `the store logged in with the key in the URL: ${r.request.method} ${r.request.url.replace(/key=[^&]+/, 'key=[REDACTED]')}`);
});

When('I log in with a session id I chose in the OCSESSID cookie', async function (this: ConformanceWorld) {
  this.chosenSessionId = chooseSessionId();
  const { apiUsername, apiKey } = this.parameters;
  this.answered(await this.session().login(apiUsername, apiKey ?? '', { headers: { cookie: `OCSESSID=${this.chosenSessionId}` } }));
});

Then('the api_token I received is not the session id I chose', function (this: ConformanceWorld) {
  const token = (this.answer().json as { api_token?: unknown } | undefined)?.api_token;
  assert.equal(typeof token, 'string', 'the login with a chosen OCSESSID gave no api_token');
  assert.notEqual(String(token).toLowerCase(), this.chosenSessionId, 'the store made the session id the client chose its API token');
});

// A store that holds refused logins (as it should) takes seconds over a storm; cucumber's 5 s would cut it short.
When('I log in with the right key once, then with wrong keys in a row', { timeout: STORM_STEP_TIMEOUT_MS }, async function (this: ConformanceWorld) {
  this.storm = await loginStorm(this.stranger(), this.parameters.apiUsername, this.parameters.apiKey ?? '');
  this.answered(this.storm.wrong[this.storm.wrong.length - 1]);
});

Then('the store slowed or stopped the wrong keys', function (this: ConformanceWorld) {
  this.answer();
  assert.ok(this.storm && stormResistance(this.storm), `the store neither slowed nor stopped ${describeStorm(this.storm!)}`);
});

When('I send generated hostile values in every field of every route', { timeout: SCAN_STEP_TIMEOUT_MS }, async function (this: ConformanceWorld) {
  this.leakScan = await scanForLeaks(this.session(), this.parameters.allowWrites);
});

Then('no answer shows SQL error text, a stack trace or a file path', function (this: ConformanceWorld) {
  this.answer();
  const scan = this.leakScan;
  assert.ok(scan && scan.sent > 0 && scan.leaks.length === 0, `${scan?.leaks.length} of ${scan?.sent} answers gave the store's insides away:\n${scan?.leaks.slice(0, 10).join('\n')}`);
});
