// Which controller method answers a route, resolved the way OpenCart 3.0's Action does: characters other than
// letters, digits, `_` and `/` are dropped, trailing parts are popped until a controller file matches, the last popped
// part is the method (case-insensitive, default `index`). No match, or a controller without that method: 404.
import type { Registry } from '../context';
import type { Jsonable } from '../php';
import * as cart from './cart';
import { coupon } from './coupon';
import { currency } from './currency';
import { customer } from './customer';
import { login } from './login';
import * as order from './order';
import * as payment from './payment';
import * as reward from './reward';
import * as shipping from './shipping';
import * as voucher from './voucher';

export type Handler = (r: Registry) => Jsonable;

/** Controller file (route) → its public methods. */
const CONTROLLERS: Record<string, Record<string, Handler>> = {
  'api/login': { index: login },
  'api/currency': { index: currency },
  'api/cart': { add: cart.add, edit: cart.edit, remove: cart.remove, products: cart.products },
  'api/coupon': { index: coupon },
  'api/customer': { index: customer },
  'api/voucher': { index: voucher.voucher, add: voucher.add },
  'api/reward': { index: reward.reward, maximum: reward.maximum, available: reward.available },
  'api/shipping': { address: shipping.address, methods: shipping.methods, method: shipping.method },
  'api/payment': { address: payment.address, methods: payment.methods, method: payment.method },
  'api/order': { add: order.add, edit: order.edit, delete: order.remove, info: order.info, history: order.history },
};

/** The controller file a path names, as the filesystem resolves it (`api//login` is `api/login`; a trailing `/` is not). */
function controllerAt(path: string): Record<string, Handler> | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent — an empty path or one ending in '/' is no CONTROLLERS key either, so the lookup below answers undefined too
  if (!path || path.endsWith('/')) return undefined;
  const file = path.replace(/\/+/g, '/').replace(/^\//, '');
  return Object.hasOwn(CONTROLLERS, file) ? CONTROLLERS[file] : undefined;
}

export function resolveRoute(route: string): Handler | undefined {
  const parts = route.replace(/[^a-zA-Z0-9_/]/g, '').split('/');
  let method = 'index';
  while (parts.length) {
    const controller = controllerAt(parts.join('/'));
    if (controller) {
      // Stryker disable next-line ConditionalExpression,MethodExpression: equivalent — no controller has a method whose name starts or ends with '__', so the lookup below answers undefined too
      if (method.startsWith('__')) return undefined;
      const name = method.toLowerCase();
      return Object.hasOwn(controller, name) ? controller[name] : undefined;
    }
    method = parts.pop()!;
  }
  return undefined;
}
