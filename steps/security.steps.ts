// @security: what an attacker tries, and whether the store let it through; the tasks are in src/security.ts.
import { Before, Given, Then, When, defineParameterType } from './support/cucumber';
import {
  LOGIN_STORM_SWITCH, SCAN_STEP_TIMEOUT_MS, STORM_STEP_TIMEOUT_MS, TOKEN_OF, TOKEN_PLACE_NAMES, adminActsOnOwnApiUser,
  expectNoLeak, expectNoSession, expectProbesRefused, expectStormResisted, expectTokenNotChosen, logInOwnApiUser,
  logInWithChosenSessionId, runLeakScan, runLoginStorm, strangerSends, type TokenOf, type TokenPlace,
} from '../src/security';
import type { ConformanceWorld } from './support/world';

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oneOf = (names: readonly string[]): RegExp => new RegExp(names.map(escaped).join('|'));
defineParameterType({ name: 'tokenPlace', regexp: oneOf(TOKEN_PLACE_NAMES), transformer: (place: string) => place as TokenPlace });
defineParameterType({ name: 'tokenOf', regexp: oneOf(TOKEN_OF), transformer: (whose: string) => whose as TokenOf });

// Not a skip: a remote store has no admin the suite can act as, so these scenarios can never run there.
Before({ tags: '@store-admin' }, function (this: ConformanceWorld) {
  if (!this.parameters.controlUrl) return this.notApplicable('needs to act as the store\'s admin on an API user of its own, which only the embedded reference store lets the suite do');
});

Before({ tags: '@login-storm' }, function (this: ConformanceWorld) {
  if (!this.parameters.loginStorm) return this.skip(`sends a storm of wrong keys, which a run does only when asked (set ${LOGIN_STORM_SWITCH}=1)`);
});

When('a stranger calls {string} with {tokenOf} in {tokenPlace}', async function (this: ConformanceWorld, route: string, whose: TokenOf, place: TokenPlace) {
  await strangerSends(this, route, whose, place);
});

When('a stranger calls {string} from the alternate source address with {tokenOf} in {tokenPlace}', async function (this: ConformanceWorld, route: string, whose: TokenOf, place: TokenPlace) {
  await strangerSends(this, route, whose, place, true);
});

Then(/^the store refuses (?:it|them all)$/, function (this: ConformanceWorld) {
  expectProbesRefused(this);
});

Given('an API user of my own is logged in', async function (this: ConformanceWorld) {
  await logInOwnApiUser(this);
});

Given('an API user of my own, allowed only from the alternate source address, is logged in from there', async function (this: ConformanceWorld) {
  await logInOwnApiUser(this, true);
});

When('the store\'s admin disables that API user', async function (this: ConformanceWorld) {
  await adminActsOnOwnApiUser(this, 'disable-api-user');
});

When('the store\'s admin changes that API user\'s key', async function (this: ConformanceWorld) {
  await adminActsOnOwnApiUser(this, 'change-api-key');
});

Then('no session was started', function (this: ConformanceWorld) {
  expectNoSession(this.answer());
});

When('I log in with a session id I chose in the OCSESSID cookie', async function (this: ConformanceWorld) {
  await logInWithChosenSessionId(this);
});

Then('the api_token I received is not the session id I chose', function (this: ConformanceWorld) {
  expectTokenNotChosen(this);
});

// A store that holds refused logins (as it should) takes seconds over a storm; cucumber's 5 s would cut it short.
When('I log in with the right key once, then with wrong keys in a row', { timeout: STORM_STEP_TIMEOUT_MS }, async function (this: ConformanceWorld) {
  await runLoginStorm(this);
});

Then('the store slowed or stopped the wrong keys', function (this: ConformanceWorld) {
  expectStormResisted(this);
});

When('I send generated hostile values in every field of every route', { timeout: SCAN_STEP_TIMEOUT_MS }, async function (this: ConformanceWorld) {
  await runLeakScan(this);
});

Then('no answer shows SQL error text, a stack trace or a file path', function (this: ConformanceWorld) {
  expectNoLeak(this);
});
