// api/currency: switches the session currency (formatting only; amounts stay in USD).
import type { Registry } from '../context';
import { messages } from '../language';
import type { Jsonable } from '../php';
import { field } from '../request';
import { hasApiSession, permissionString } from './permission';

export function currency(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionString;
  // Stryker disable next-line StringLiteral: equivalent — no currency has the fallback code either, so a missing code is refused the same way
  const code = field(r.request.post, 'currency') ?? '';
  // The lookup is MySQL's case-insensitive `=`; the session keeps the code as posted (so `usd` falls back next time).
  if (!r.db.get('SELECT 1 FROM in_currency WHERE code = rtrim(?)', code)) return { error: messages.currency.errorCurrency };
  r.session.data.currency = code;
  delete r.session.data.shipping_method;
  delete r.session.data.shipping_methods;
  return { success: messages.currency.success };
}
