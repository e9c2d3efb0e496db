// api/login and the token rules; the tasks are in src/api/login.ts.
import { Then, When } from './support/cucumber';
import { ELSEWHERE_PHRASES, LOGIN_PHRASES, ageOwnSession, expectDistinctTokens, expectLoginRefusedFor, expectToken, expectTokenOpensSession, expectWrongKeysRefused, logIn, logInWith, logInWithWrongKeys } from '../src/api/login';
import { STORM_STEP_TIMEOUT_MS } from '../src/security';
import type { ConformanceWorld } from './support/world';

for (const phrase of LOGIN_PHRASES) {
  When(`I log in ${phrase}`, async function (this: ConformanceWorld) {
    await logIn(this, phrase);
  });
}

// The credentials where api/login does not read them (security.feature sends them in a POST's query string).
for (const phrase of ELSEWHERE_PHRASES) {
  When(`I log in with ${phrase}`, async function (this: ConformanceWorld) {
    await logInWith(this, phrase);
  });
}

Then('I receive an api_token', function (this: ConformanceWorld) {
  expectToken(this.answer());
});

Then('the token opens a session', async function (this: ConformanceWorld) {
  await expectTokenOpensSession(this);
});

Then('the two sessions hold different tokens', function (this: ConformanceWorld) {
  expectDistinctTokens(this, 'other');
});

Then('the login is refused for this machine\'s address', function (this: ConformanceWorld) {
  expectLoginRefusedFor(this.answer());
});

When('my token was last used {int} minutes ago', async function (this: ConformanceWorld, minutes: number) {
  await ageOwnSession(this, 'age-token', minutes * 60);
});

When('my token ages by {int} more minutes', async function (this: ConformanceWorld, minutes: number) {
  await ageOwnSession(this, 'age-token-by', minutes * 60);
});

When('my session data expired a minute ago', async function (this: ConformanceWorld) {
  await ageOwnSession(this, 'age-session', 60);
});

// A store that slows refused logins down (a hardened one does) takes longer than cucumber's 5 s per step.
When('I log in with a wrong key {int} times', { timeout: STORM_STEP_TIMEOUT_MS }, async function (this: ConformanceWorld, times: number) {
  await logInWithWrongKeys(this, times);
});

Then('every one of those logins was refused with an empty list', function (this: ConformanceWorld) {
  expectWrongKeysRefused(this);
});
