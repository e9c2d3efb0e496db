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
  if (!hasApiSession(r)) return permissionObject;
  const { errors, address } = readAddress(r, 128);
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
  if (!data.shipping_address) error = messages.shipping.errorAddress;
  const posted = field(r.request.post, 'shipping_method');
  const [ext, quote] = posted === undefined ? [] : posted.split('.');
  const chosen = ext !== undefined && quote !== undefined ? data.shipping_methods?.get(phpKey(ext))?.quote.get(phpKey(quote)) : undefined;
  if (!data.shipping_methods?.size) error = messages.shipping.errorNoShipping;
  else if (posted === undefined || !chosen) error = messages.shipping.errorMethod;
  if (error) return { error };
  data.shipping_method = chosen;
  return { success: messages.shipping.method };
}
