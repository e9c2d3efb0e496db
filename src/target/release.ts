// The OpenCart 3.0.x releases and what each promises where releases answer differently. A scenario whose expectation
// differs by release reads the trait, never the version number, so a new release is one row here (docs/store-settings.md
// lists each trait with the source line it comes from).

/** Every 3.0.x release tag, oldest first. */
export const RELEASES = [
  '3.0.0.0', '3.0.0.2', '3.0.1.1', '3.0.1.2', '3.0.2.0', '3.0.3.0', '3.0.3.1', '3.0.3.2', '3.0.3.3', '3.0.3.4', '3.0.3.5',
  '3.0.3.6', '3.0.3.7', '3.0.3.8', '3.0.3.9', '3.0.4.0', '3.0.4.1', '3.0.5.0', '3.0.5.1',
] as const;
export type ReleaseVersion = (typeof RELEASES)[number];

/** The release the reference store imitates and a store is judged as when nothing says otherwise. */
export const DEFAULT_RELEASE: ReleaseVersion = '3.0.5.0';

export const isRelease = (v: unknown): v is ReleaseVersion => typeof v === 'string' && (RELEASES as readonly string[]).includes(v);

/** Negative when a is older than b. */
export const compareReleases = (a: ReleaseVersion, b: ReleaseVersion): number => RELEASES.indexOf(a) - RELEASES.indexOf(b);
const atLeast = (v: ReleaseVersion, min: ReleaseVersion): boolean => compareReleases(v, min) >= 0;

/** What a release promises, where 3.0.x releases differ in an answer of the API. */
export interface ReleaseTraits {
  version: ReleaseVersion;
  /** Request values are trimmed by Request::clean (system/library/request.php), from 3.0.5.0. */
  trimsInput: boolean;
  /** The longest city api/shipping/address accepts: 128 from 3.0.3.9, 32 before (its message says 128 in both). */
  shippingCityMax: 32 | 128;
  /** Answers carry Expires, Cache-Control and Pragma (system/framework.php:75-77), from 3.0.4.0. */
  cacheHeaders: boolean;
  /** api/login with a key and no username logs in as the store's API user (catalog/controller/api/login.php), from 3.0.3.0. */
  loginWithKeyAlone: boolean;
  /** Tables are utf8mb4 (4-byte text is stored or refused by MariaDB's collation), from 3.0.5.0; utf8 (3-byte) before. */
  utf8mb4Tables: boolean;
  /**
   * Session data (the token's cart and checkout) expire after session.gc_maxlifetime: system/library/session/db.php
   * compares its DATETIME `expire` with a date from 3.0.3.7, with an integer before (so it never expires).
   */
  sessionDataExpires: boolean;
  /**
   * A disabled currency chosen through api/currency (which accepts every code the store has, in every release) is
   * dropped for the default currency by the next request's startup: catalog/model/localisation/currency.php's
   * getCurrencies lists enabled currencies only from 3.0.3.7; before, the disabled currency is used.
   */
  ignoresDisabledCurrency: boolean;
  /**
   * A call with a token and no OCSESSID cookie gets one (system/config/catalog.php session_autostart), 3.0.3.1 and
   * before.
   */
  sessionCookieOnTokenCalls: boolean;
  /** The language and currency cookies name the Host as their domain (catalog/controller/startup/startup.php), before 3.0.4.0. */
  hostCookieDomain: boolean;
}

export function releaseTraits(version: ReleaseVersion): ReleaseTraits {
  return {
    version,
    trimsInput: atLeast(version, '3.0.5.0'),
    shippingCityMax: atLeast(version, '3.0.3.9') ? 128 : 32,
    cacheHeaders: atLeast(version, '3.0.4.0'),
    loginWithKeyAlone: atLeast(version, '3.0.3.0'),
    utf8mb4Tables: atLeast(version, '3.0.5.0'),
    sessionDataExpires: atLeast(version, '3.0.3.7'),
    ignoresDisabledCurrency: atLeast(version, '3.0.3.7'),
    sessionCookieOnTokenCalls: !atLeast(version, '3.0.3.2'),
    hostCookieDomain: !atLeast(version, '3.0.4.0'),
  };
}

/**
 * The releases whose traits are all the same as this one's: what a store's answers can tell at best. A release named
 * in the fixtures picks one of them; a detected one is reported as the range.
 */
export function indistinguishable(version: ReleaseVersion): ReleaseVersion[] {
  const key = (v: ReleaseVersion) => JSON.stringify({ ...releaseTraits(v), version: undefined });
  return RELEASES.filter((v) => key(v) === key(version));
}

/** "3.0.3.3–3.0.3.8" for a run of releases, "3.0.5.0" for one. */
export function describeReleases(versions: readonly ReleaseVersion[]): string {
  if (!versions.length) return 'no release';
  return versions.length === 1 ? versions[0] : `${versions[0]}–${versions[versions.length - 1]}`;
}
