// Every message the API can answer, in one table, worded exactly as the store's en-gb language files (typos included:
// "choosen", "it's", "needs to be set"). Keys follow the language files, grouped by the route file that loads them.

export const PERMISSION = 'Warning: You do not have permission to access the API!';

export const messages = {
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
