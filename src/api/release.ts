// What a store's release promises where 3.0.x releases answer differently (src/target/release.ts): each task asserts the
// promise of the release the store is judged as, both ways, and a scenario the release leaves nothing to judge is not
// applicable, saying why. The release is named in the fixtures or learned by the fixture check.
import assert from 'node:assert/strict';
import { assertErrorKeys, assertVariant, expectSuccess } from '../answers';
import type { ApiResponse } from '../client';
import { NotApplicableError, type Target } from '../target/profile';
import { describeReleases } from '../target/release';
import { expandValue } from './checkout';

/** What these tasks need of the scenario (ConformanceWorld satisfies it). */
export interface ReleaseWorld {
  readonly target: Target;
  answer(): ApiResponse;
}

/** The release the store is judged as: the one named, or the range its answers leave open. */
const release = (w: ReleaseWorld): string => {
  const r = w.target.profile.release;
  return r.source === 'learned' ? describeReleases(r.candidates) : r.version;
};

/**
 * A precondition of the scenarios that expect a value to be accepted: the store's release takes it. Only the shipping
 * city differs by release (at most 32 characters before 3.0.3.9, 128 from it; catalog/controller/api/shipping.php).
 */
export function assertReleaseTakesShipping(w: ReleaseWorld, field: string, value: string): void {
  if (field !== 'city') return;
  const length = [...expandValue(value)].length;
  const max = w.target.trait('shippingCityMax');
  if (length > max) {
    throw new NotApplicableError(`release ${release(w)} takes a shipping city of at most ${max} characters (128 from 3.0.3.9): shipping-address-city-by-release judges that`);
  }
}

/** A shipping city longer than 32 characters: accepted from 3.0.3.9, refused under `city` before. */
export function expectShippingCityAsReleased(w: ReleaseWorld, value: string): void {
  const length = [...expandValue(value)].length;
  const max = w.target.trait('shippingCityMax');
  const r = w.answer();
  if (length <= max) expectSuccess(r, `a shipping city of ${length} characters (release ${release(w)} takes up to ${max})`);
  else assertErrorKeys(r, ['city']);
}

/** A value sent with spaces around it: trimmed from 3.0.5.0 (Request::clean), taken as sent before. */
export function expectPaddedEmailAsReleased(w: ReleaseWorld): void {
  const r = w.answer();
  if (w.target.trait('trimsInput')) expectSuccess(r, `an e-mail address with spaces before it (release ${release(w)} trims every value)`);
  else assertErrorKeys(r, ['email']);
}

/**
 * An answer of one session is never marked cacheable (no Cache-Control public or max-age above zero, no Expires ahead);
 * from 3.0.4.0 it forbids caching outright (system/framework.php:75-77); before, it sends no cache headers.
 */
export function expectNotCacheable(w: ReleaseWorld): void {
  const { headers } = w.answer();
  const control = headers['cache-control'] ?? '';
  const expires = headers.expires;
  assert.doesNotMatch(control, /\bpublic\b|\b(s-)?max-age\s*=\s*0*[1-9]/i, `Cache-Control lets a cache keep an answer of one session: ${control}`);
  assert.ok(!expires || !(Date.parse(expires) > Date.now()), `Expires lets a cache keep an answer of one session until ${expires}`);
  if (!w.target.trait('cacheHeaders')) return;
  assert.ok(expires && Date.parse(expires) < Date.now(), `Expires should lie in the past (release ${release(w)}), got ${expires ?? 'none'}`);
  assert.match(control, /no-store/, `Cache-Control should forbid storing the answer (release ${release(w)})`);
}

/**
 * The key of the user named Default, without a user name: logs in as Default from 3.0.3.0 (api/login.php:14);
 * before, it answers []. (The login step is not applicable where the run does not have Default's key.)
 */
export function expectKeyAloneAsReleased(w: ReleaseWorld): void {
  const r = w.answer();
  if (w.target.trait('loginWithKeyAlone')) assert.equal(typeof (r.json as { api_token?: unknown } | undefined)?.api_token, 'string', `release ${release(w)} logs a key alone in as Default: ${r.text.slice(0, 200)}`);
  else assertVariant(r, 'EmptyAnswer');
}

/** A live token whose session data expired: refused from 3.0.3.7; before, session data never expire (session/db.php). */
export function expectExpiredSessionDataAsReleased(w: ReleaseWorld): void {
  const r = w.answer();
  if (w.target.trait('sessionDataExpires')) assertVariant(r, 'PermissionDeniedObject');
  else assertVariant(r, 'CartContents');
}
