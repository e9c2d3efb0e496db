// Telling a store's release from its answers, before any scenario: the fixture check asks the few questions on which
// 3.0.x releases answer differently and that change nothing on the store (a customer and an address in a throwaway
// session). Each answer rules releases in or out by one trait (src/target/release.ts); what no answer can tell stays
// open, and the profile names the range.
import type { ApiResponse, Form } from '../client';
import { addressForm, customerForm } from '../api/checkout';
import { Customer, type FixtureReader } from '../api/roles';
import { RELEASES, releaseTraits, type ReleaseTraits, type ReleaseVersion } from './release';

/** One answer that tells a trait. */
export interface ReleaseObservation {
  trait: keyof Omit<ReleaseTraits, 'version'>;
  value: boolean | number;
  evidence: string;
}

/** What the learning needs of a probe session (src/runner/fixture-check.ts's CheckSession). */
export interface ReleaseProbe extends FixtureReader {
  send(route: string, form?: Form): Promise<ApiResponse | undefined>;
}

const errorKeys = (r: ApiResponse | undefined): string[] => {
  const error = (r?.json as { error?: unknown } | undefined)?.error;
  return error && typeof error === 'object' ? Object.keys(error) : [];
};
const succeeded = (r: ApiResponse | undefined): boolean => typeof (r?.json as { success?: unknown } | undefined)?.success === 'string';

/** From any answer of the store: PHP's session cache headers (system/framework.php sends them from 3.0.4.0). */
export function observeCacheHeaders(answer: ApiResponse): ReleaseObservation {
  const has = answer.headers.expires !== undefined && answer.headers['cache-control'] !== undefined;
  return { trait: 'cacheHeaders', value: has, evidence: has ? `answers carry Expires and Cache-Control` : `answers carry no Expires or Cache-Control header` };
}

/** From the login's answer: the language cookie names a domain before 3.0.4.0 (startup.php sets it with HTTP_HOST). */
export function observeCookieDomain(login: ApiResponse): ReleaseObservation | undefined {
  const language = login.headers['set-cookie']?.split('\n').find((c) => c.startsWith('language='));
  if (!language) return undefined;
  const domain = /;\s*domain=/i.test(language);
  return { trait: 'hostCookieDomain', value: domain, evidence: domain ? 'the language cookie names a domain' : 'the language cookie names no domain' };
}

/** api/customer with the e-mail address padded with spaces: accepted only where Request::clean trims (3.0.5.0 on). */
export async function observeTrimming(probe: ReleaseProbe): Promise<ReleaseObservation | undefined> {
  const form = customerForm(new Customer(probe, 'guest'));
  const r = await probe.send('api/customer', { ...form, email: `  ${form.email}` });
  if (succeeded(r)) return { trait: 'trimsInput', value: true, evidence: `api/customer accepts an e-mail address with leading spaces (input is trimmed)` };
  if (errorKeys(r).join() === 'email') return { trait: 'trimsInput', value: false, evidence: `api/customer refuses an e-mail address with leading spaces (input is not trimmed)` };
  return undefined;
}

/** api/shipping/address with a city of 33 characters (the probe's cart must hold something to ship). */
export async function observeShippingCity(probe: ReleaseProbe, addressRole: string): Promise<ReleaseObservation | undefined> {
  const r = await probe.send('api/shipping/address', addressForm(probe, addressRole, { city: 'a'.repeat(33) }));
  if (succeeded(r)) return { trait: 'shippingCityMax', value: 128, evidence: `api/shipping/address accepts a city of 33 characters` };
  if (errorKeys(r).join() === 'city') return { trait: 'shippingCityMax', value: 32, evidence: `api/shipping/address refuses a city of 33 characters` };
  return undefined;
}

/** The releases whose traits agree with every observation, oldest first. */
export function releasesMatching(observations: ReleaseObservation[], among: readonly ReleaseVersion[] = RELEASES): ReleaseVersion[] {
  return among.filter((v) => {
    const traits = releaseTraits(v);
    return observations.every((o) => traits[o.trait] === o.value);
  });
}
