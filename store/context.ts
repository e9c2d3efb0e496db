// Everything a route handler may use during one request: OpenCart's "registry", built by the startup in http.ts.
import type { Config } from './config';
import type { Db } from './db/database';
import type { PhpRequest } from './request';
import type { Cart } from './rules/cart';
import type { Customer } from './rules/customer';
import type { Currencies } from './rules/money';
import type { Tax } from './rules/tax';
import type { Session } from './session';
import type { StoreRelease } from './release';

export interface Registry {
  db: Db;
  /** The OpenCart release the store imitates. */
  release: StoreRelease;
  /** The store clock at the start of the request (tests move it). */
  now: Date;
  config: Config;
  request: PhpRequest;
  session: Session;
  currency: Currencies;
  tax: Tax;
  customer: Customer;
  cart: Cart;
  /** Sessions created during this request (api/login), saved with the request's own session. */
  newSessions: Session[];
}

/** The session currency: always set by the startup to an existing code. */
export const sessionCurrency = (r: Registry): string => r.session.data.currency ?? 'USD';
