// A catalogue of realistic store faults: each a named variant of the reference store that a store operator could
// plausibly ship. They are built by the harness through the store's variant seams (request, handler, body), never
// by switches in the store's own code paths.
import type { Registry } from '../../store/context';
import type { StoreVariant } from '../../store';
import type { Handler } from '../../store/routes';
import type { Jsonable, PhpArray, PhpValue } from '../../store/php';
import { API_USERS } from '../../src/provision/dataset';
import { Currencies } from '../../store/rules/money';
import { requestLanguage } from '../../store/language';

export interface Fault {
  name: string;
  /** The rule the fault breaks, as a store operator would say it. */
  rule: string;
  /** Tag expression of the scenarios to try first (the full suite runs when they do not catch it). */
  focus: string;
  variant: StoreVariant;
  /**
   * A store profile (test/fixtures/profiles/<name>.json): the store runs configured like it and the suite judges it
   * by it, for a fault in a branch that only a setting or release other than a fresh install's takes.
   */
  profile?: string;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Rewrites the JSON answer of one route. */
function answer(route: string, change: (body: Json) => Json): StoreVariant {
  return {
    body: (r, text) => {
      if (r !== route || text === '') return text;
      try {
        return JSON.stringify(change(JSON.parse(text)));
      } catch {
        return text;
      }
    },
  };
}

/** Wraps the handler of one route. */
function handle(route: string, wrap: (original: Handler, r: Registry) => Jsonable): StoreVariant {
  return { handler: (r, original) => (r === route ? (reg: Registry) => wrap(original, reg) : original) };
}

/** Changes the posted form of one route before its handler reads it. */
function post(route: string, change: (form: PhpArray, r: Registry) => void): StoreVariant {
  return handle(route, (original, r) => {
    change(r.request.post, r);
    return original(r);
  });
}

const text = (form: PhpArray, key: string): string => {
  const v = form.get(key);
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
};
const signed = (money: string, factor: number): string =>
  money.replace(/-?[\d,]+\.\d{2}/, (n) => (Number(n.replace(/,/g, '')) * factor).toFixed(2));
const loggedIn = (r: Registry) => Boolean(r.session.data.api_id);
const orderExists = (r: Registry) => Boolean(r.db.get('SELECT 1 FROM in_order WHERE order_id = ?', Number(r.request.get.get('order_id') ?? 0)));

/** api/coupon checks the posted coupon as if its row had these values (the row is put back afterwards). */
function couponCheckedAs(values: Record<string, string | number>): StoreVariant {
  const columns = Object.keys(values);
  return handle('api/coupon', (original, r) => {
    const code = text(r.request.post, 'coupon');
    const row = r.db.get<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM in_coupon WHERE code = ?`, code);
    if (!row) return original(r);
    const set = (v: Record<string, unknown>) => r.db.run(`UPDATE in_coupon SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE code = ?`, ...columns.map((c) => v[c]), code);
    set(values);
    try {
      return original(r);
    } finally {
      set(row);
    }
  });
}

export const FAULTS: Fault[] = [
  {
    name: 'login-ip-not-checked',
    rule: 'api/login must refuse an address that is not on the API user\'s allow-list',
    focus: '@area:login',
    variant: {
      request: (req) => {
        if (req.get.get('route') !== 'api/login') return;
        req.server.REMOTE_ADDR = req.post.get('username') === 'Restricted' ? '10.255.255.1' : '127.0.0.1';
      },
    },
  },
  {
    name: 'disabled-api-user-logs-in',
    rule: 'api/login must refuse an API user whose status is disabled, whatever its key',
    focus: '@area:login',
    variant: handle('api/login', (original, r) => {
      const enable = (status: number) => r.db.run('UPDATE in_api SET status = ? WHERE username = ?', status, API_USERS.disabled.username);
      enable(1);
      try {
        return original(r);
      } finally {
        enable(0);
      }
    }),
  },
  {
    name: 'token-not-bound-to-allow-list',
    rule: 'a token is accepted only from an address on its API user\'s allow-list, on every request',
    focus: '@area:login',
    variant: {
      request: (req) => {
        if (req.get.get('route') !== 'api/login' && req.get.has('api_token')) req.server.REMOTE_ADDR = '127.0.0.1';
      },
    },
  },
  {
    name: 'login-trusts-x-forwarded-for',
    rule: 'X-Forwarded-For must not change the address the allow-list is checked against',
    focus: '@area:login',
    variant: {
      request: (req) => {
        if (req.server.HTTP_X_FORWARDED_FOR) req.server.REMOTE_ADDR = req.server.HTTP_X_FORWARDED_FOR;
      },
    },
  },
  {
    name: 'currency-accepts-invalid-token',
    rule: 'api/currency must answer the permission error without a valid token',
    focus: '@area:login or @area:currency',
    variant: handle('api/currency', (original, r) => {
      if (!loggedIn(r)) return { success: 'Success: Your currency has been changed!' };
      return original(r);
    }),
  },
  {
    name: 'failed-login-answers-an-error-object',
    rule: 'a failed login answers [] (no message)',
    focus: '@area:login',
    variant: answer('api/login', (b) => (Array.isArray(b) && b.length === 0 ? { error: 'Warning: Incorrect API Key!' } : b)),
  },
  {
    name: 'currency-change-ignored',
    rule: 'api/currency must change the currency the cart is formatted in',
    focus: '@area:currency',
    variant: handle('api/currency', (original, r) => {
      const before = r.session.data.currency;
      const result = original(r);
      r.session.data.currency = before;
      return result;
    }),
  },
  {
    name: 'cart-edit-ignores-quantity',
    rule: 'api/cart/edit must set the line to the posted quantity',
    focus: '@route:cart/edit',
    variant: post('api/cart/edit', (form) => form.delete('quantity')),
  },
  {
    name: 'cart-edit-edits-the-wrong-line',
    rule: 'api/cart/edit must change the line its key names, and only that line',
    focus: '@route:cart/edit',
    variant: post('api/cart/edit', (form) => form.set('key', String(Number(text(form, 'key')) + 1))),
  },
  {
    name: 'cart-remove-removes-every-line',
    rule: 'api/cart/remove must remove the line its key names, and only that line',
    focus: '@route:cart/remove',
    variant: handle('api/cart/remove', (original, r) => {
      const result = original(r);
      if (loggedIn(r)) r.db.run('DELETE FROM in_cart WHERE session_id = ?', r.session.id);
      return result;
    }),
  },
  {
    name: 'required-options-not-enforced',
    rule: 'api/cart/add must refuse a product whose required options are left out',
    focus: '@route:cart/add',
    variant: handle('api/cart/add', (original, r) => {
      const result = original(r) as Json;
      const missing = result?.error?.option;
      if (!(missing instanceof Map) && !(missing && typeof missing === 'object')) return result;
      const ids = missing instanceof Map ? [...missing.keys()] : Object.keys(missing);
      const option = (r.request.post.get('option') as PhpArray | undefined) ?? new Map();
      for (const id of ids) option.set(id, 'filled-by-fault');
      r.request.post.set('option', option);
      return original(r);
    }),
  },
  {
    name: 'cart-line-total-ignores-quantity',
    rule: 'a cart line\'s total is its unit price times its quantity',
    focus: '@route:cart/products',
    variant: answer('api/cart/products', (b) => {
      for (const p of b?.products ?? []) p.total = p.price;
      return b;
    }),
  },
  {
    name: 'cart-total-does-not-sum',
    rule: 'the cart\'s Total is the sum of the lines above it',
    focus: '@route:cart/products',
    variant: answer('api/cart/products', (b) => {
      for (const t of b?.totals ?? []) if (t.title === 'Total') t.text = t.text.replace(/\d+\.\d{2}/, (n: string) => (Number(n) + 1).toFixed(2));
      return b;
    }),
  },
  {
    name: 'stock-warning-missing',
    rule: 'cart/products warns when a line is not available in the desired quantity',
    focus: '@route:cart/products',
    variant: answer('api/cart/products', (b) => {
      if (b?.error?.stock) {
        delete b.error.stock;
        if (!Object.keys(b.error).length) delete b.error;
        for (const p of b.products ?? []) p.stock = true;
      }
      return b;
    }),
  },
  {
    name: 'minimum-quantity-warning-missing',
    rule: 'cart/products warns when a product is below its minimum quantity',
    focus: '@route:cart/products',
    variant: answer('api/cart/products', (b) => {
      if (b?.error?.minimum) {
        delete b.error.minimum;
        if (!Object.keys(b.error).length) delete b.error;
      }
      return b;
    }),
  },
  {
    name: 'permission-error-in-the-wrong-shape',
    rule: 'cart/products answers its permission error as {"error":{"warning":…}}',
    focus: '@area:login',
    variant: answer('api/cart/products', (b) => (b?.error?.warning && !b.products ? { error: b.error.warning } : b)),
  },
  {
    name: 'disabled-coupon-accepted',
    rule: 'a disabled coupon is refused',
    focus: '@area:coupon',
    variant: couponCheckedAs({ status: 1 }),
  },
  {
    name: 'expired-coupon-accepted',
    rule: 'a coupon outside its dates is refused',
    focus: '@area:coupon',
    variant: couponCheckedAs({ date_start: '2000-01-01', date_end: '2999-01-01' }),
  },
  {
    name: 'coupon-discount-with-the-wrong-sign',
    rule: 'a coupon\'s discount is subtracted from the total',
    focus: '@area:coupon',
    variant: answer('api/cart/products', (b) => {
      for (const t of b?.totals ?? []) if (/^Coupon \(/.test(t.title)) t.text = t.text.replace('-', '');
      return b;
    }),
  },
  {
    name: 'coupon-discount-applied-twice',
    rule: 'a coupon\'s discount is applied once',
    focus: '@area:coupon',
    variant: answer('api/cart/products', (b) => {
      for (const t of b?.totals ?? []) if (/^Coupon \(/.test(t.title)) t.text = signed(t.text, 2);
      return b;
    }),
  },
  {
    name: 'coupon-success-and-error-together',
    rule: 'an answer is either a success or an error, never both',
    focus: '@area:coupon',
    variant: answer('api/coupon', (b) => (b?.error ? { success: 'Success: Your coupon discount has been applied!', ...b } : b)),
  },
  {
    name: 'unknown-gift-voucher-accepted',
    rule: 'api/voucher refuses a code that is no gift voucher',
    focus: '@area:voucher',
    variant: handle('api/voucher', (original, r) => {
      const result = original(r) as Json;
      if (result?.error && loggedIn(r) && result.error !== 'Warning: You do not have permission to access the API!') {
        return { success: 'Success: Your gift voucher discount has been applied!' };
      }
      return result;
    }),
  },
  {
    name: 'voucher-amount-bounds-not-enforced',
    rule: 'a gift voucher\'s amount must be within the store\'s minimum and maximum',
    focus: '@area:voucher',
    variant: post('api/voucher/add', (form) => {
      const amount = Number(text(form, 'amount'));
      if (form.has('from_name') && !(amount >= 1 && amount <= 1000)) form.set('amount', '25');
    }),
  },
  {
    name: 'reward-over-balance-accepted',
    rule: 'api/reward refuses more points than the customer has',
    focus: '@area:reward',
    variant: handle('api/reward', (original, r) => {
      const result = original(r) as Json;
      if (typeof result?.error === 'string' && result.error.includes("don't have")) {
        r.session.data.reward = Number(text(r.request.post, 'reward'));
        return { success: 'Success: Your reward points discount has been applied!' };
      }
      return result;
    }),
  },
  {
    name: 'customer-email-not-validated',
    rule: 'api/customer refuses an e-mail address that is not valid',
    focus: '@area:customer',
    variant: post('api/customer', (form) => {
      if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(text(form, 'email'))) form.set('email', 'valid@example.com');
    }),
  },
  {
    name: 'customer-telephone-length-not-checked',
    rule: 'api/customer refuses a telephone shorter than 3 or longer than 32 characters',
    focus: '@area:customer',
    variant: post('api/customer', (form) => {
      const t = text(form, 'telephone');
      if (t.length < 3 || t.length > 32) form.set('telephone', '0123456');
    }),
  },
  {
    name: 'customer-error-key-renamed',
    rule: 'a field error is reported under the field\'s own key (error.firstname)',
    focus: '@area:customer',
    variant: answer('api/customer', (b) => {
      if (b?.error && typeof b.error === 'object' && 'firstname' in b.error) {
        b.error.first_name = b.error.firstname;
        delete b.error.firstname;
      }
      return b;
    }),
  },
  {
    name: 'empty-zone-accepted',
    rule: 'an address without a region/state is refused',
    focus: '@area:payment or @area:shipping',
    variant: {
      handler: (route, original) =>
        route === 'api/payment/address' || route === 'api/shipping/address'
          ? (r: Registry) => {
              if (r.request.post.has('firstname') && text(r.request.post, 'zone_id') === '') r.request.post.set('zone_id', '0');
              return original(r);
            }
          : original,
    },
  },
  {
    name: 'postcode-not-required-for-the-uk',
    rule: 'a country that requires a postcode refuses an address without one',
    focus: '@area:payment',
    variant: post('api/payment/address', (form) => {
      if (form.has('firstname') && text(form, 'postcode') === '') form.set('postcode', 'XX1 1XX');
    }),
  },
  {
    name: 'unlisted-shipping-method-accepted',
    rule: 'api/shipping/method refuses a method that is not in the listed quotes',
    focus: '@area:shipping',
    variant: post('api/shipping/method', (form) => {
      const code = text(form, 'shipping_method');
      if (code && code !== 'flat.flat') form.set('shipping_method', 'flat.flat');
    }),
  },
  {
    name: 'order-add-without-payment-method',
    rule: 'api/order/add refuses an order whose payment method was not chosen',
    focus: '@area:order',
    variant: handle('api/order/add', (original, r) => {
      if (loggedIn(r) && !r.session.data.payment_method) {
        r.session.data.payment_method = { code: 'cod', title: 'Cash On Delivery', terms: '', sort_order: '5' } as never;
      }
      return original(r);
    }),
  },
  {
    name: 'order-total-not-the-cart-total',
    rule: 'an order keeps the total of the cart it was made from',
    focus: '@area:order',
    variant: answer('api/order/info', (b) => {
      if (b?.order?.total) b.order.total = (Number(b.order.total) + 1).toFixed(4);
      return b;
    }),
  },
  {
    name: 'order-info-drops-a-field',
    rule: 'order/info answers every documented column of the order',
    focus: '@area:order',
    variant: answer('api/order/info', (b) => {
      if (b?.order) delete b.order.order_status;
      return b;
    }),
  },
  {
    name: 'order-edit-silently-does-nothing',
    rule: 'api/order/edit changes the order it names',
    focus: '@area:order',
    variant: handle('api/order/edit', (original, r) => (loggedIn(r) && orderExists(r) ? { success: 'Success: You have modified orders!' } : original(r))),
  },
  {
    name: 'order-delete-leaves-the-order-readable',
    rule: 'api/order/delete removes the order it names',
    focus: '@area:order',
    variant: handle('api/order/delete', (original, r) => (loggedIn(r) && orderExists(r) ? { success: 'Success: You have modified orders!' } : original(r))),
  },
  {
    name: 'order-delete-deletes-a-different-order',
    rule: 'api/order/delete removes the order it names, not another',
    focus: '@area:order',
    variant: handle('api/order/delete', (original, r) => {
      if (loggedIn(r) && orderExists(r)) r.request.get.set('order_id', String(Number(r.request.get.get('order_id')) + 100000));
      return original(r);
    }),
  },
  {
    name: 'order-history-ignores-the-status',
    rule: 'api/order/history sets the posted status on the order',
    focus: '@area:order',
    variant: handle('api/order/history', (original, r) => {
      const id = Number(r.request.get.get('order_id') ?? 0);
      const row = r.db.get<{ order_status_id: number }>('SELECT order_status_id FROM in_order WHERE order_id = ?', id);
      if (row && r.request.post.has('order_status_id')) r.request.post.set('order_status_id', String(row.order_status_id));
      return original(r);
    }),
  },
  {
    name: 'php-notice-before-the-json',
    rule: 'an answer is JSON only: no PHP warning or notice printed before it',
    focus: '@area:currency',
    variant: {
      body: (route, body) => (route === 'api/currency' ? `<b>Notice</b>: Undefined index: currency in <b>/catalog/controller/api/currency.php</b> on line <b>13</b>\n${body}` : body),
    },
  },
  // ---- currencies, the money format and the store's language (docs/store-settings.md) ----
  {
    name: 'currency-totals-at-rounded-rate',
    rule: 'the totals of a cart in another currency are converted at the currency\'s exact rate, not one rounded to 4 significant digits',
    focus: '@area:currency',
    profile: 'gbp-store',
    variant: handle('api/cart/products', (original, r) => {
      const code = r.session.data.currency ?? '';
      if (!loggedIn(r) || code === r.config.get('config_currency')) return original(r);
      const exact = original(r) as PhpArray;
      const row = r.db.get<{ value: string }>('SELECT value FROM in_currency WHERE code = ?', code);
      if (!row) return exact;
      r.db.run('UPDATE in_currency SET value = ? WHERE code = ?', Number(Number(row.value).toPrecision(4)).toFixed(8), code);
      const exactCurrency = r.currency;
      r.currency = Currencies.load(r.db, r.config, requestLanguage(), r.release.onlyEnabledCurrencies);
      try {
        const rounded = original(r) as PhpArray;
        exact.set('totals', rounded.get('totals') as PhpValue);
        return exact;
      } finally {
        r.db.run('UPDATE in_currency SET value = ? WHERE code = ?', row.value, code);
        r.currency = exactCurrency;
      }
    }),
  },
  {
    name: 'currency-default-not-restored',
    rule: 'api/currency with the default currency\'s code switches back to it',
    focus: '@area:currency',
    variant: handle('api/currency', (original, r) => {
      const before = r.session.data.currency;
      const answer = original(r);
      if (loggedIn(r) && before && text(r.request.post, 'currency') === r.config.get('config_currency')) r.session.data.currency = before;
      return answer;
    }),
  },
  {
    name: 'disabled-currency-used',
    rule: 'from 3.0.3.7 a disabled currency chosen through api/currency is dropped for the default currency (here it is used for carts of fewer than 1000 items)',
    focus: '@area:currency',
    profile: 'gbp-store',
    variant: {
      handler: (route, original) => {
        if (route === 'api/currency') {
          return (r: Registry) => {
            const answer = original(r);
            const code = text(r.request.post, 'currency');
            if (r.db.get('SELECT 1 FROM in_currency WHERE code = ? AND status = 0', code)) (r.session.data as Record<string, unknown>).invotide_disabled = code;
            return answer;
          };
        }
        if (route === 'api/cart/products') {
          return (r: Registry) => {
            const data = r.session.data as Record<string, unknown>;
            const items = r.db.get<{ n: number }>('SELECT COALESCE(SUM(quantity), 0) AS n FROM in_cart WHERE session_id = ?', r.session.id)?.n ?? 0;
            if (typeof data.invotide_disabled !== 'string' || items >= 1000) return original(r);
            const kept = r.session.data.currency;
            r.session.data.currency = data.invotide_disabled;
            try {
              return original(r);
            } finally {
              r.session.data.currency = kept;
            }
          };
        }
        return original;
      },
    },
  },
  {
    name: 'currency-decimals-ignored-in-totals',
    rule: 'a currency of no decimal places shows its totals without decimals',
    focus: '@area:currency',
    profile: 'comma-decimals',
    variant: answer('api/cart/products', (b) => {
      for (const t of b?.totals ?? []) if (/^¥ [\d ]+$/.test(t.text)) t.text = `${t.text},00`;
      return b;
    }),
  },
  {
    name: 'totals-with-en-gb-separators',
    rule: 'amounts are written with the language\'s decimal point and thousands separator (here the totals with en-gb\'s)',
    focus: '@area:currency or @area:cart',
    profile: 'other-language',
    variant: answer('api/cart/products', (b) => {
      for (const t of b?.totals ?? []) t.text = String(t.text).replace(/[\d.,]+/, (n: string) => n.replace(/\./g, '\u0000').replace(',', '.').replace(/\u0000/g, ','));
      return b;
    }),
  },
  {
    name: 'symbol-space-dropped-in-totals',
    rule: 'where the store puts a space beside the currency symbol (config_symbol_left_space), every amount has it (here the totals drop it)',
    focus: '@area:currency or @area:cart',
    profile: 'comma-decimals',
    variant: answer('api/cart/products', (b) => {
      for (const t of b?.totals ?? []) t.text = String(t.text).replace(/^\$ /, '$');
      return b;
    }),
  },
  {
    name: 'english-message-in-another-language',
    rule: 'a store that answers in another language says every message in it (here api/currency\'s success stays English)',
    focus: '@area:currency',
    profile: 'other-language',
    variant: answer('api/currency', (b) => (b && typeof b.success === 'string' ? { success: 'Success: Your currency has been changed!' } : b)),
  },
];

/** The faults of the mission's named scenarios: a fixed subset run by `npm test`, so CI notices if the suite loses its teeth. */
export const MISSION_FAULTS = ['login-ip-not-checked', 'cart-edit-ignores-quantity', 'disabled-coupon-accepted', 'order-add-without-payment-method', 'token-not-bound-to-allow-list'];
