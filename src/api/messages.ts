// The messages the store answers, as the suite expects them: the suite's one table of expected texts. Each message is
// named by what it says and maps to the language file and key its route's controller reads it from (catalog/language/
// <code>/<file>.php, docs/store-settings.md's section on the language), with OpenCart 3.0.5.0's en-gb text (typos
// included: "choosen", "it's", "needs to be set"). Scenarios assert error *keys* and variants as the contract (@must)
// and these texts as what a well-run store says (@should); the schemas pin no text.
//
// The texts are the store's language's: en-gb's for a store whose messages are English, else the texts of its language
// files when the fixtures name them (`language.texts`; a key a file lacks stays English, as OpenCart falls back to
// en-gb), and otherwise a message scenario has nothing to compare with and is not applicable, saying why.
import { NotApplicableError, type LanguageFinding } from '../target/profile';
import { languageText } from '../target/language';

interface MessageSpec {
  /** The language file (`api/cart`), the one of the route that answers the message unless `elsewhere` says otherwise. */
  file: string;
  key: string;
  /** en-gb's text. */
  en: string;
  /** Arguments sprintf() fills in (%s), by name. */
  args?: readonly string[];
  /** The key of the same message in another route's file (`api/order` says error_payment_address for error_address). */
  elsewhere?: Readonly<Record<string, string>>;
  /** Every route's file has the key (error_permission, the address fields): the route that answered tells the file. */
  shared?: boolean;
}

const spec = <T extends Record<string, MessageSpec>>(table: T): T => table;

/** Every message the scenarios compare, by name. */
export const MESSAGE_SPECS = spec({
  permission: { file: 'api/cart', key: 'error_permission', en: 'Warning: You do not have permission to access the API!', shared: true },
  loginSuccess: { file: 'api/login', key: 'text_success', en: 'Success: API session successfully started!' },
  loginIp: { file: 'api/login', key: 'error_ip', en: 'Warning: Your IP %s is not allowed to access this API!', args: ['ip'] },
  loginKey: { file: 'api/login', key: 'error_key', en: 'Warning: Incorrect API Key!' },
  currencySuccess: { file: 'api/currency', key: 'text_success', en: 'Success: Your currency has been changed!' },
  currencyInvalid: { file: 'api/currency', key: 'error_currency', en: 'Warning: Currency code is invalid!' },
  cartSuccess: { file: 'api/cart', key: 'text_success', en: 'Success: You have modified your shopping cart!', elsewhere: { 'api/voucher': 'text_cart' } },
  cartStore: { file: 'api/cart', key: 'error_store', en: 'Product can not be bought from the store you have choosen!' },
  cartOptionRequired: { file: 'api/cart', key: 'error_required', en: '%s required!', args: ['name'] },
  cartStock: { file: 'api/cart', key: 'error_stock', en: 'Products marked with *** are not available in the desired quantity or not in stock!' },
  cartMinimum: { file: 'api/cart', key: 'error_minimum', en: 'Minimum order amount for %s is %s!', args: ['name', 'minimum'] },
  couponSuccess: { file: 'api/coupon', key: 'text_success', en: 'Success: Your coupon discount has been applied!' },
  couponInvalid: { file: 'api/coupon', key: 'error_coupon', en: "Warning: Coupon is either invalid, expired or reached it's usage limit!" },
  voucherSuccess: { file: 'api/voucher', key: 'text_success', en: 'Success: Your gift voucher discount has been applied!' },
  voucherInvalid: { file: 'api/voucher', key: 'error_voucher', en: 'Warning: Gift Voucher is either invalid or the balance has been used up!' },
  voucherFromName: { file: 'api/voucher', key: 'error_from_name', en: 'Your Name must be between 1 and 64 characters!' },
  voucherToName: { file: 'api/voucher', key: 'error_to_name', en: "Recipient's Name must be between 1 and 64 characters!" },
  voucherFor: { file: 'api/voucher', key: 'text_for', en: '%s Gift Certificate for %s', args: ['amount', 'name'] },
  email: { file: 'api/customer', key: 'error_email', en: 'E-Mail Address does not appear to be valid!', shared: true },
  voucherAmount: { file: 'api/voucher', key: 'error_amount', en: 'Amount must be between %s and %s!', args: ['minimum', 'maximum'] },
  customerSuccess: { file: 'api/customer', key: 'text_success', en: 'You have successfully modified customers' },
  customerUnknown: { file: 'api/customer', key: 'error_customer', en: 'You must select a customer!' },
  firstname: { file: 'api/customer', key: 'error_firstname', en: 'First Name must be between 1 and 32 characters!', shared: true },
  lastname: { file: 'api/customer', key: 'error_lastname', en: 'Last Name must be between 1 and 32 characters!', shared: true },
  telephone: { file: 'api/customer', key: 'error_telephone', en: 'Telephone must be between 3 and 32 characters!' },
  address1: { file: 'api/shipping', key: 'error_address_1', en: 'Address 1 must be between 3 and 128 characters!', shared: true },
  city: { file: 'api/shipping', key: 'error_city', en: 'City must be between 3 and 128 characters!', shared: true },
  postcode: { file: 'api/shipping', key: 'error_postcode', en: 'Postcode must be between 2 and 10 characters for this country!', shared: true },
  country: { file: 'api/shipping', key: 'error_country', en: 'Please select a country!', shared: true },
  zone: { file: 'api/shipping', key: 'error_zone', en: 'Please select a region / state!', shared: true },
  rewardSuccess: { file: 'api/reward', key: 'text_success', en: 'Success: Your reward points discount has been applied!' },
  rewardEmpty: { file: 'api/reward', key: 'error_reward', en: 'Warning: Please enter the amount of reward points to use!' },
  rewardOverBalance: { file: 'api/reward', key: 'error_points', en: "Warning: You don't have %s reward points!", args: ['points'] },
  rewardOverMaximum: { file: 'api/reward', key: 'error_maximum', en: 'Warning: The maximum number of points that can be applied is %s!', args: ['maximum'] },
  shippingAddressSuccess: { file: 'api/shipping', key: 'text_address', en: 'Success: Shipping address has been set!' },
  shippingAddressRequired: { file: 'api/shipping', key: 'error_address', en: 'Warning: Shipping address required!', elsewhere: { 'api/order': 'error_shipping_address' } },
  shippingNone: { file: 'api/shipping', key: 'error_no_shipping', en: 'Warning: No Shipping options are available!', elsewhere: { 'api/order': 'error_no_shipping' } },
  shippingMethodRequired: { file: 'api/shipping', key: 'error_method', en: 'Warning: Shipping method required!', elsewhere: { 'api/order': 'error_shipping_method' } },
  shippingMethodSuccess: { file: 'api/shipping', key: 'text_method', en: 'Success: Shipping method has been set!' },
  paymentAddressSuccess: { file: 'api/payment', key: 'text_address', en: 'Success: Payment address has been set!' },
  paymentAddressRequired: { file: 'api/payment', key: 'error_address', en: 'Warning: Payment address required!', elsewhere: { 'api/order': 'error_payment_address' } },
  paymentNone: { file: 'api/payment', key: 'error_no_payment', en: 'Warning: No Payment options are available!', elsewhere: { 'api/order': 'error_no_payment' } },
  paymentMethodRequired: { file: 'api/payment', key: 'error_method', en: 'Warning: Payment method required!', elsewhere: { 'api/order': 'error_payment_method' } },
  paymentMethodSuccess: { file: 'api/payment', key: 'text_method', en: 'Success: Payment method has been set!' },
  customerRequired: { file: 'api/order', key: 'error_customer', en: 'Warning: Customer details needs to be set!' },
  orderStock: { file: 'api/order', key: 'error_stock', en: 'Warning: Products marked with *** are not available in the desired quantity or not in stock!' },
  orderMinimum: { file: 'api/order', key: 'error_minimum', en: 'Warning: Minimum order amount for %s is %s!', args: ['name', 'minimum'] },
  orderSuccess: { file: 'api/order', key: 'text_success', en: 'Success: You have modified orders!' },
  orderNotFound: { file: 'api/order', key: 'error_not_found', en: 'Warning: Order could not be found!' },
  subTotalLine: { file: 'extension/total/sub_total', key: 'text_sub_total', en: 'Sub-Total' },
  totalLine: { file: 'extension/total/total', key: 'text_total', en: 'Total' },
  couponLine: { file: 'extension/total/coupon', key: 'text_coupon', en: 'Coupon (%s)', args: ['code'] },
  voucherLine: { file: 'extension/total/voucher', key: 'text_voucher', en: 'Gift Certificate (%s)', args: ['code'] },
  rewardLine: { file: 'extension/total/reward', key: 'text_reward', en: 'Reward Points (%s)', args: ['points'] },
  creditLine: { file: 'extension/total/credit', key: 'text_credit', en: 'Store Credit' },
});

export type MessageName = keyof typeof MESSAGE_SPECS;
type Arg = string | number;
type Messages = { readonly [K in MessageName]: (typeof MESSAGE_SPECS)[K] extends { args: readonly string[] } ? (...args: Arg[]) => string : string };

/** The language the store answers in, for this process's scenarios (the World sets it from its target). */
let language: LanguageFinding | undefined;

/** The store's language, as the target profile found it; undefined: OpenCart's en-gb as installed. */
export function useLanguage(finding: LanguageFinding | undefined): void {
  language = finding;
}

/** PHP's sprintf for the conversions language files use: %s, %d, %%, and numbered ones (%1$s). */
export function sprintf(format: string, ...args: Arg[]): string {
  let next = 0;
  return format.replace(/%(?:(\d+)\$)?([sd%])/g, (all, n: string | undefined, conversion: string) => {
    if (conversion === '%') return '%';
    const value = args[n ? Number(n) - 1 : next++];
    if (value === undefined) return all;
    return conversion === 'd' ? String(Math.trunc(Number(value)) || 0) : String(value);
  });
}

/** The language file a route's controller loads (`api/shipping/address` → `api/shipping`). */
export const routeFile = (route: string): string => route.split('/').slice(0, 2).join('/');

/** Where a message is read from when `route` answered it: its file and key. */
export function messageSource(name: MessageName, route?: string): { file: string; key: string } {
  const s: MessageSpec = MESSAGE_SPECS[name];
  const file = route ? routeFile(route) : s.file;
  if (file === s.file) return { file, key: s.key };
  if (s.elsewhere?.[file]) return { file, key: s.elsewhere[file] };
  if (s.shared) return { file, key: s.key };
  return { file: s.file, key: s.key };
}

/**
 * A message's text as the store's language writes it (its arguments still as %s). Not applicable where the store's
 * messages are not English and the fixtures name no files of its language to compare with.
 */
export function messageTemplate(name: MessageName, route?: string, finding: LanguageFinding | undefined = language): string {
  const s: MessageSpec = MESSAGE_SPECS[name];
  const { file, key } = messageSource(name, route);
  if (!finding) return s.en;
  const own = languageText(finding.texts, file, key, s.en);
  if (own !== undefined) return own;
  if (finding.texts) {
    throw new NotApplicableError(`the store answers in ${finding.code} and the language files the fixtures name (${finding.textsFrom}) have no ${file}.php, whose ${key} this message is`);
  }
  if (finding.english) return s.en;
  throw new NotApplicableError(`the store's messages are not OpenCart's English ones (${finding.evidence ?? `its language is ${finding.code}`}): name the folder of its language files (catalog/language/<code>/) in the fixtures, "language": {"texts": …}, to have them compared`);
}

/** Messages by name as the store's language writes them; those with arguments are functions of them (in order). */
export const MESSAGES: Messages = Object.defineProperties(
  {},
  Object.fromEntries(
    (Object.keys(MESSAGE_SPECS) as MessageName[]).map((name) => [
      name,
      {
        enumerable: true,
        get: (): string | ((...args: Arg[]) => string) => {
          const s: MessageSpec = MESSAGE_SPECS[name];
          return s.args ? (...args: Arg[]) => sprintf(messageTemplate(name), ...args) : messageTemplate(name);
        },
      },
    ]),
  ),
) as Messages;

const isName = (name: string): name is MessageName => Object.hasOwn(MESSAGE_SPECS, name);

/**
 * A message without arguments, by name (for feature text such as `saying the "permission" message`), as the route
 * that answered it says it (`api/order/add` reads "paymentNone" from api/order.php).
 */
export function message(name: string, route?: string): string {
  if (!isName(name) || (MESSAGE_SPECS[name] as MessageSpec).args) {
    throw new Error(`no message named "${name}" without arguments; known: ${(Object.keys(MESSAGE_SPECS) as MessageName[]).filter((k) => !(MESSAGE_SPECS[k] as MessageSpec).args).join(', ')}`);
  }
  return messageTemplate(name, route);
}

/**
 * A message without arguments where the store's texts are known, else undefined: for scenarios about something else
 * that check the text on the way (a coupon still usable), which then check the rest without it.
 */
export function knownMessage(name: string, route?: string): string | undefined {
  try {
    return message(name, route);
  } catch (error) {
    if (error instanceof NotApplicableError) return undefined;
    throw error;
  }
}

/** A pattern for a message with arguments (each argument any text), e.g. the IP message for an address not known here. */
export function messagePattern(template: (...args: string[]) => string): RegExp {
  const hole = '\u0000';
  const escaped = template(hole, hole).split(hole).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.+')}$`, 's');
}
