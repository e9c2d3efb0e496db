// api/payment/address, methods, method. Available payment methods depend on the address and the order total.
import type { Registry } from '../context';
import { messages } from '../language';
import { phpKey, type Jsonable } from '../php';
import { field } from '../request';
import { readAddress } from '../rules/address';
import { paymentMethods } from '../rules/methods';
import { computeTotals } from '../rules/totals';
import { hasApiSession, permissionObject, permissionString } from './permission';

export function address(r: Registry): Jsonable {
  delete r.session.data.payment_address;
  delete r.session.data.payment_methods;
  delete r.session.data.payment_method;
  if (!hasApiSession(r)) return permissionObject;
  const { errors, address } = readAddress(r, 32);
  if (!address) return { error: errors };
  r.session.data.payment_address = address;
  return { success: messages.payment.address };
}

export function methods(r: Registry): Jsonable {
  delete r.session.data.payment_methods;
  delete r.session.data.payment_method;
  if (!hasApiSession(r)) return permissionString;
  const paymentAddress = r.session.data.payment_address;
  if (!paymentAddress) return { error: messages.payment.errorAddress };
  const { total } = computeTotals(r);
  const available = paymentMethods(r, paymentAddress, total);
  if (!available.size) return { payment_methods: [], error: messages.payment.errorNoPayment };
  r.session.data.payment_methods = available;
  return { payment_methods: available as unknown as Jsonable };
}

export function method(r: Registry): Jsonable {
  delete r.session.data.payment_method;
  if (!hasApiSession(r)) return permissionString;
  const data = r.session.data;
  let error: string | undefined;
  // Stryker disable next-line ConditionalExpression: equivalent — methods are only listed for an address and dropped with it, so the no-methods message below overwrites this one
  if (!data.payment_address) error = messages.payment.errorAddress;
  const posted = field(r.request.post, 'payment_method');
  if (!data.payment_methods?.size) error = messages.payment.errorNoPayment;
  else
    // Stryker disable next-line ConditionalExpression: equivalent — without a posted code the lookup is of an undefined key, which names no method
    if (posted === undefined || !data.payment_methods.has(phpKey(posted))) error = messages.payment.errorMethod;
  if (error) return { error };
  data.payment_method = data.payment_methods!.get(phpKey(posted!));
  return { success: messages.payment.method };
}
