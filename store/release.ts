// The store imitates one OpenCart 3.0.x release (3.0.5.0 unless told otherwise). What the releases do differently in
// the API, read from the upstream diffs between their tags: kept here in the store's own terms, apart from the suite's
// expectations (src/target/release.ts), so that a wrong reading in one cannot hide in both; real stores judge both.
export interface StoreRelease {
  version: string;
  /** system/library/request.php: Request::clean trims every key and value (3.0.5.0 on). */
  trimsRequest: boolean;
  /** catalog/controller/api/shipping.php: the longest city of a shipping address (128 from 3.0.3.9, 32 before). */
  shippingCityMax: number;
  /** system/framework.php:75-77: Expires, Cache-Control and Pragma on every answer (3.0.4.0 on). */
  cacheHeaders: boolean;
  /** catalog/controller/api/login.php: a key without a username logs in as "Default" (3.0.3.0 on; [] before). */
  loginWithKeyAlone: boolean;
  /** system/library/session/db.php: session data expire after gc_maxlifetime (3.0.3.7 on; an integer compared with a DATETIME before). */
  sessionDataExpires: boolean;
  /** system/config/catalog.php session_autostart (3.0.3.1 and before): a call with a token and no OCSESSID cookie gets a new one. */
  sessionCookieOnTokenCalls: boolean;
  /** catalog/controller/startup/startup.php: the language and currency cookies name the Host as their domain (before 3.0.4.0). */
  hostCookieDomain: boolean;
  /** catalog/model/extension/total/handling.php:4: the Handling Fee only for a cart to ship without downloads (3.0.3.7 on). */
  handlingNeedsShipping: boolean;
  /**
   * catalog/model/localisation/currency.php getCurrencies lists enabled currencies only (3.0.3.7 on), so the startup
   * drops a disabled currency chosen through api/currency; before, it is used.
   */
  onlyEnabledCurrencies: boolean;
}

const number = (version: string): number => version.split('.').reduce((n, part) => n * 100 + Number(part), 0);

export function storeRelease(version = '3.0.5.0'): StoreRelease {
  if (!/^3\.0\.\d\.\d$/.test(version)) throw new Error(`the reference store imitates OpenCart 3.0.x releases; "${version}" is not one`);
  const from = (release: string) => number(version) >= number(release);
  return {
    version,
    trimsRequest: from('3.0.5.0'),
    shippingCityMax: from('3.0.3.9') ? 128 : 32,
    cacheHeaders: from('3.0.4.0'),
    loginWithKeyAlone: from('3.0.3.0'),
    sessionDataExpires: from('3.0.3.7'),
    sessionCookieOnTokenCalls: !from('3.0.3.2'),
    hostCookieDomain: !from('3.0.4.0'),
    handlingNeedsShipping: from('3.0.3.7'),
    onlyEnabledCurrencies: from('3.0.3.7'),
  };
}
