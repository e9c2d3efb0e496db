// Every message the API can answer, in one table, worded exactly as the store's en-gb language files (typos included:
// "choosen", "it's", "needs to be set"). Keys follow the language files, grouped by the route file that loads them.
// The store answers in one language: en-gb's by default, or another's read from a folder of OpenCart language files
// (createStore({ language })); as in OpenCart, a key its files lack stays English (system/library/language.php:64-76),
// and its <code>.php gives the decimal point and thousands separator of every amount.
import { readLanguageFolder, type LanguageTexts } from '../src/target/language';

const english = {
  permission: 'Warning: You do not have permission to access the API!',
  login: {
    success: 'Success: API session successfully started!',
    errorKey: 'Warning: Incorrect API Key!',
    errorIp: 'Warning: Your IP %s is not allowed to access this API!',
  },
  currency: {
    success: 'Success: Your currency has been changed!',
    errorCurrency: 'Warning: Currency code is invalid!',
  },
  cart: {
    success: 'Success: You have modified your shopping cart!',
    errorStock: 'Products marked with *** are not available in the desired quantity or not in stock!',
    errorMinimum: 'Minimum order amount for %s is %s!',
    errorStore: 'Product can not be bought from the store you have choosen!',
    errorRequired: '%s required!',
  },
  coupon: {
    success: 'Success: Your coupon discount has been applied!',
    errorCoupon: "Warning: Coupon is either invalid, expired or reached it's usage limit!",
    total: 'Coupon (%s)',
  },
  customer: {
    success: 'You have successfully modified customers',
    errorCustomer: 'You must select a customer!',
    errorFirstname: 'First Name must be between 1 and 32 characters!',
    errorLastname: 'Last Name must be between 1 and 32 characters!',
    errorEmail: 'E-Mail Address does not appear to be valid!',
    errorTelephone: 'Telephone must be between 3 and 32 characters!',
    errorCustomField: '%s required!',
  },
  voucher: {
    success: 'Success: Your gift voucher discount has been applied!',
    cart: 'Success: You have modified your shopping cart!',
    for: '%s Gift Certificate for %s',
    errorVoucher: 'Warning: Gift Voucher is either invalid or the balance has been used up!',
    errorFromName: 'Your Name must be between 1 and 64 characters!',
    errorToName: "Recipient's Name must be between 1 and 64 characters!",
    errorEmail: 'E-Mail Address does not appear to be valid!',
    errorAmount: 'Amount must be between %s and %s!',
    total: 'Gift Certificate (%s)',
  },
  reward: {
    success: 'Success: Your reward points discount has been applied!',
    errorReward: 'Warning: Please enter the amount of reward points to use!',
    errorPoints: "Warning: You don't have %s reward points!",
    errorMaximum: 'Warning: The maximum number of points that can be applied is %s!',
    total: 'Reward Points (%s)',
    orderId: 'Order ID: #%s',
  },
  address: {
    errorFirstname: 'First Name must be between 1 and 32 characters!',
    errorLastname: 'Last Name must be between 1 and 32 characters!',
    errorAddress1: 'Address 1 must be between 3 and 128 characters!',
    // Both address routes say "3 and 128" whatever they check (payment 2–32, shipping 2–128).
    errorCity: 'City must be between 3 and 128 characters!',
    errorPostcode: 'Postcode must be between 2 and 10 characters for this country!',
    errorCountry: 'Please select a country!',
    errorZone: 'Please select a region / state!',
    errorCustomField: '%s required!',
  },
  shipping: {
    address: 'Success: Shipping address has been set!',
    method: 'Success: Shipping method has been set!',
    errorAddress: 'Warning: Shipping address required!',
    errorMethod: 'Warning: Shipping method required!',
    errorNoShipping: 'Warning: No Shipping options are available!',
  },
  payment: {
    address: 'Success: Payment address has been set!',
    method: 'Success: Payment method has been set!',
    errorAddress: 'Warning: Payment address required!',
    errorMethod: 'Warning: Payment method required!',
    errorNoPayment: 'Warning: No Payment options are available!',
  },
  order: {
    success: 'Success: You have modified orders!',
    errorCustomer: 'Warning: Customer details needs to be set!',
    errorPaymentAddress: 'Warning: Payment address required!',
    errorPaymentMethod: 'Warning: Payment method required!',
    errorNoPayment: 'Warning: No Payment options are available!',
    errorShippingAddress: 'Warning: Shipping address required!',
    errorShippingMethod: 'Warning: Shipping method required!',
    errorNoShipping: 'Warning: No Shipping options are available!',
    errorStock: 'Warning: Products marked with *** are not available in the desired quantity or not in stock!',
    errorMinimum: 'Warning: Minimum order amount for %s is %s!',
    errorNotFound: 'Warning: Order could not be found!',
  },
  totals: {
    subTotal: 'Sub-Total',
    total: 'Total',
    credit: 'Store Credit',
    creditOrderId: 'Order ID: #%s',
  },
  extension: {
    flatTitle: 'Flat Rate',
    flatDescription: 'Flat Shipping Rate',
    codTitle: 'Cash On Delivery',
    freeCheckoutTitle: 'Free Checkout',
  },
  system: {
    invalidSession: 'Error: Invalid session ID!',
    notFound: 'The page you requested cannot be found!',
    // Not an OpenCart message: what this store answers instead of a PHP fatal error page.
    unexpected: 'Warning: The store could not complete this request!',
  },
} as const;

type Table = typeof english;
type Texts<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };
export type Messages = Texts<Table>;

/**
 * Where each message of the table is read from (`<file>.<key>` under catalog/language/<code>/). The address errors are
 * read from api/shipping.php for both address routes (api/payment.php has the same keys and, in en-gb, the same texts);
 * the system messages are not language strings.
 */
const SOURCES: { [G in keyof Table]?: { [K in keyof Table[G]]?: string } } = {
  permission: undefined,
  login: { success: 'api/login.text_success', errorKey: 'api/login.error_key', errorIp: 'api/login.error_ip' },
  currency: { success: 'api/currency.text_success', errorCurrency: 'api/currency.error_currency' },
  cart: { success: 'api/cart.text_success', errorStock: 'api/cart.error_stock', errorMinimum: 'api/cart.error_minimum', errorStore: 'api/cart.error_store', errorRequired: 'api/cart.error_required' },
  coupon: { success: 'api/coupon.text_success', errorCoupon: 'api/coupon.error_coupon', total: 'extension/total/coupon.text_coupon' },
  customer: {
    success: 'api/customer.text_success', errorCustomer: 'api/customer.error_customer', errorFirstname: 'api/customer.error_firstname', errorLastname: 'api/customer.error_lastname',
    errorEmail: 'api/customer.error_email', errorTelephone: 'api/customer.error_telephone', errorCustomField: 'api/customer.error_custom_field',
  },
  voucher: {
    success: 'api/voucher.text_success', cart: 'api/voucher.text_cart', for: 'api/voucher.text_for', errorVoucher: 'api/voucher.error_voucher', errorFromName: 'api/voucher.error_from_name',
    errorToName: 'api/voucher.error_to_name', errorEmail: 'api/voucher.error_email', errorAmount: 'api/voucher.error_amount', total: 'extension/total/voucher.text_voucher',
  },
  reward: { success: 'api/reward.text_success', errorReward: 'api/reward.error_reward', errorPoints: 'api/reward.error_points', errorMaximum: 'api/reward.error_maximum', total: 'extension/total/reward.text_reward', orderId: 'extension/total/reward.text_order_id' },
  address: {
    errorFirstname: 'api/shipping.error_firstname', errorLastname: 'api/shipping.error_lastname', errorAddress1: 'api/shipping.error_address_1', errorCity: 'api/shipping.error_city',
    errorPostcode: 'api/shipping.error_postcode', errorCountry: 'api/shipping.error_country', errorZone: 'api/shipping.error_zone', errorCustomField: 'api/shipping.error_custom_field',
  },
  shipping: { address: 'api/shipping.text_address', method: 'api/shipping.text_method', errorAddress: 'api/shipping.error_address', errorMethod: 'api/shipping.error_method', errorNoShipping: 'api/shipping.error_no_shipping' },
  payment: { address: 'api/payment.text_address', method: 'api/payment.text_method', errorAddress: 'api/payment.error_address', errorMethod: 'api/payment.error_method', errorNoPayment: 'api/payment.error_no_payment' },
  order: {
    success: 'api/order.text_success', errorCustomer: 'api/order.error_customer', errorPaymentAddress: 'api/order.error_payment_address', errorPaymentMethod: 'api/order.error_payment_method',
    errorNoPayment: 'api/order.error_no_payment', errorShippingAddress: 'api/order.error_shipping_address', errorShippingMethod: 'api/order.error_shipping_method',
    errorNoShipping: 'api/order.error_no_shipping', errorStock: 'api/order.error_stock', errorMinimum: 'api/order.error_minimum', errorNotFound: 'api/order.error_not_found',
  },
  totals: { subTotal: 'extension/total/sub_total.text_sub_total', total: 'extension/total/total.text_total', credit: 'extension/total/credit.text_credit', creditOrderId: 'extension/total/credit.text_order_id' },
  extension: { flatTitle: 'extension/shipping/flat.text_title', flatDescription: 'extension/shipping/flat.text_description', codTitle: 'extension/payment/cod.text_title', freeCheckoutTitle: 'extension/payment/free_checkout.text_title' },
  system: { notFound: 'error/not_found.text_error' },
};

/** The language a store answers in: its messages and how it writes numbers. */
export interface StoreLanguage {
  code: string;
  messages: Messages;
  /** number_format's decimal point and thousands separator (the pack's decimal_point and thousand_point). */
  decimalPoint: string;
  thousandPoint: string;
}

/** The language of a fresh install. */
export const EN_GB: StoreLanguage = { code: 'en-gb', messages: english, decimalPoint: '.', thousandPoint: ',' };

/**
 * A language from the texts of its files (`api/cart.text_success` → text, as src/target/language.ts reads a folder);
 * every key they lack is en-gb's. The permission message is api/cart.php's error_permission (every api file has one).
 */
export function storeLanguage(code: string, texts: LanguageTexts): StoreLanguage {
  const table = JSON.parse(JSON.stringify(english)) as Messages;
  const groups = table as unknown as Record<string, Record<string, string>>;
  for (const [group, keys] of Object.entries(SOURCES)) {
    for (const [name, source] of Object.entries(keys ?? {})) {
      const text = texts[source as string];
      if (text !== undefined) groups[group][name] = text;
    }
  }
  table.permission = texts['api/cart.error_permission'] ?? english.permission;
  return { code, messages: table, decimalPoint: texts[`${code}.decimal_point`] ?? EN_GB.decimalPoint, thousandPoint: texts[`${code}.thousand_point`] ?? EN_GB.thousandPoint };
}

/** A language from a folder of OpenCart language files (catalog/language/<code>/). */
export function languageFromFolder(code: string, folder: string): StoreLanguage {
  return storeLanguage(code, readLanguageFolder(folder));
}

/** The language of the request being answered (OpenCart's registry `language`); answers run one at a time. */
let current: StoreLanguage = EN_GB;

/** Answers a request in a language: every message read during `answer` is that language's. */
export function inLanguage<T>(language: StoreLanguage, answer: () => T): T {
  const before = current;
  current = language;
  try {
    return answer();
  } finally {
    current = before;
  }
}

/** The language of the request being answered. */
export const requestLanguage = (): StoreLanguage => current;

/** The messages of the request's language: `messages.cart.success` is its api/cart.php text_success. */
export const messages: Messages = Object.defineProperties(
  {},
  Object.fromEntries(Object.keys(english).map((group) => [group, { enumerable: true, get: () => (current.messages as unknown as Record<string, unknown>)[group] }])),
) as Messages;

/** The permission message of the request's language. */
export const permissionMessage = (): string => current.messages.permission;
