// The reference store's English messages, as OpenCart 3.0.5.0 gives them: the suite's one table of expected texts.
// Scenarios assert error *keys* and variants as the contract (@must) and these texts as what a well-run store says
// (@should). The schemas pin no text: the permission error is told apart by a pattern (schemas/common.json), and its
// exact words are this table's like every other message's.
export const MESSAGES = {
  permission: 'Warning: You do not have permission to access the API!',
  loginSuccess: 'Success: API session successfully started!',
  loginIp: (ip: string) => `Warning: Your IP ${ip} is not allowed to access this API!`,
  loginKey: 'Warning: Incorrect API Key!',
  currencySuccess: 'Success: Your currency has been changed!',
  currencyInvalid: 'Warning: Currency code is invalid!',
  cartSuccess: 'Success: You have modified your shopping cart!',
  cartStore: 'Product can not be bought from the store you have choosen!',
  cartOptionRequired: (name: string) => `${name} required!`,
  cartStock: 'Products marked with *** are not available in the desired quantity or not in stock!',
  cartMinimum: (name: string, minimum: number) => `Minimum order amount for ${name} is ${minimum}!`,
  couponSuccess: 'Success: Your coupon discount has been applied!',
  couponInvalid: "Warning: Coupon is either invalid, expired or reached it's usage limit!",
  voucherSuccess: 'Success: Your gift voucher discount has been applied!',
  voucherInvalid: 'Warning: Gift Voucher is either invalid or the balance has been used up!',
  voucherFromName: 'Your Name must be between 1 and 64 characters!',
  voucherToName: "Recipient's Name must be between 1 and 64 characters!",
  email: 'E-Mail Address does not appear to be valid!',
  voucherAmount: (min: string, max: string) => `Amount must be between ${min} and ${max}!`,
  customerSuccess: 'You have successfully modified customers',
  customerUnknown: 'You must select a customer!',
  firstname: 'First Name must be between 1 and 32 characters!',
  lastname: 'Last Name must be between 1 and 32 characters!',
  telephone: 'Telephone must be between 3 and 32 characters!',
  address1: 'Address 1 must be between 3 and 128 characters!',
  city: 'City must be between 3 and 128 characters!',
  postcode: 'Postcode must be between 2 and 10 characters for this country!',
  country: 'Please select a country!',
  zone: 'Please select a region / state!',
  rewardSuccess: 'Success: Your reward points discount has been applied!',
  rewardEmpty: 'Warning: Please enter the amount of reward points to use!',
  rewardOverBalance: (points: string | number) => `Warning: You don't have ${points} reward points!`,
  rewardOverMaximum: (max: string | number) => `Warning: The maximum number of points that can be applied is ${max}!`,
  shippingAddressSuccess: 'Success: Shipping address has been set!',
  shippingAddressRequired: 'Warning: Shipping address required!',
  shippingNone: 'Warning: No Shipping options are available!',
  shippingMethodRequired: 'Warning: Shipping method required!',
  shippingMethodSuccess: 'Success: Shipping method has been set!',
  paymentAddressSuccess: 'Success: Payment address has been set!',
  paymentAddressRequired: 'Warning: Payment address required!',
  paymentNone: 'Warning: No Payment options are available!',
  paymentMethodRequired: 'Warning: Payment method required!',
  paymentMethodSuccess: 'Success: Payment method has been set!',
  customerRequired: 'Warning: Customer details needs to be set!',
  orderStock: 'Warning: Products marked with *** are not available in the desired quantity or not in stock!',
  orderMinimum: (name: string, minimum: number) => `Warning: Minimum order amount for ${name} is ${minimum}!`,
  orderSuccess: 'Success: You have modified orders!',
  orderNotFound: 'Warning: Order could not be found!',
} as const;

export type MessageName = keyof typeof MESSAGES;

/** Messages without arguments, by name (for feature text such as `saying the "permission" message`). */
export function message(name: string): string {
  const m = (MESSAGES as Record<string, unknown>)[name];
  if (typeof m !== 'string') throw new Error(`no message named "${name}" without arguments; known: ${Object.keys(MESSAGES).filter((k) => typeof (MESSAGES as Record<string, unknown>)[k] === 'string').join(', ')}`);
  return m;
}

/** A pattern for a message with arguments (each argument any text), e.g. the IP message for an address not known here. */
export function messagePattern(template: (...args: string[]) => string): RegExp {
  const hole = '\u0000';
  const escaped = template(hole, hole).split(hole).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.+')}$`);
}
