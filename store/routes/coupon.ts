// api/coupon: applies a coupon to the session if it is valid for this cart and customer right now.
import type { Registry } from '../context';
import { messages } from '../language';
import type { Jsonable } from '../php';
import { field } from '../request';
import { getCoupon } from '../rules/coupon';
import { hasApiSession, permissionString } from './permission';

export function coupon(r: Registry): Jsonable {
  delete r.session.data.coupon;
  if (!hasApiSession(r)) return permissionString;
  // Stryker disable next-line StringLiteral: equivalent — no coupon has the code Stryker puts in place of '', both are refused
  const code = field(r.request.post, 'coupon') ?? '';
  if (!getCoupon(r, code)) return { error: messages.coupon.errorCoupon };
  r.session.data.coupon = code;
  return { success: messages.coupon.success };
}
