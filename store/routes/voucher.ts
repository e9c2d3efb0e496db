// api/voucher (redeem a gift voucher) and api/voucher/add (buy one: a cart item kept in the session).
import type { Registry } from '../context';
import { sessionCurrency } from '../context';
import { messages } from '../language';
import { compare, isArray, isValidEmail, mtRand, phpKey, sprintf, utf8Length, type Jsonable, type PhpKey } from '../php';
import { arrayField, field } from '../request';
import { getVoucher } from '../rules/voucher';
import type { SessionVoucher } from '../session';
import { hasApiSession, permissionObject, permissionString } from './permission';

export function voucher(r: Registry): Jsonable {
  delete r.session.data.voucher;
  if (!hasApiSession(r)) return permissionString;
  // Stryker disable next-line StringLiteral: equivalent — no voucher has the code Stryker puts in place of '', both are refused
  const code = field(r.request.post, 'voucher') ?? '';
  if (!getVoucher(r.db, r.config, code)) return { error: messages.voucher.errorVoucher };
  r.session.data.voucher = code;
  return { success: messages.voucher.success };
}

function forgetMethods(r: Registry): void {
  delete r.session.data.shipping_method;
  delete r.session.data.shipping_methods;
  delete r.session.data.payment_method;
  delete r.session.data.payment_methods;
}

const VOUCHER_FIELDS = ['code', 'to_name', 'to_email', 'from_name', 'from_email', 'voucher_theme_id', 'message', 'amount'] as const;

export function add(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionObject;
  const post = r.request.post;
  const currency = sessionCurrency(r);
  // Stryker disable next-line LogicalOperator,StringLiteral: equivalent — config_currency is always set (USD)
  const defaultCurrency = r.config.get('config_currency') ?? 'USD';
  // Amounts are posted in the session currency and kept in the default currency.
  const toDefault = (amount: string | number | null | boolean | Map<PhpKey, unknown>): number => {
    const converted = r.currency.convert(isArray(amount) ? null : (amount as string | number | null | boolean), currency, defaultCurrency);
    return Number.isFinite(converted) ? converted : 0;
  };
  const describe = (amount: number, toName: Jsonable): string => sprintf(messages.voucher.for, r.currency.format(amount, currency), toName as string);

  const batch = arrayField(post, 'voucher');
  if (batch !== undefined) {
    // The batch form replaces the session's vouchers with every complete entry, unvalidated.
    const vouchers = new Map<PhpKey, SessionVoucher>();
    for (const entry of batch.values()) {
      if (!isArray(entry)) continue;
      const present = (f: string): boolean =>
        entry.get(f) !== undefined &&
        // Stryker disable next-line ConditionalExpression: equivalent — a form value is a string or an array, never null
        entry.get(f) !== null;
      if (!VOUCHER_FIELDS.every(present)) continue;
      const amount = toDefault(entry.get('amount')!);
      const code = entry.get('code')!;
      vouchers.set(isArray(code) ? 'Array' : phpKey(String(code)), {
        code,
        description: describe(amount, entry.get('to_name')!),
        to_name: entry.get('to_name')!,
        to_email: entry.get('to_email')!,
        from_name: entry.get('from_name')!,
        from_email: entry.get('from_email')!,
        voucher_theme_id: entry.get('voucher_theme_id')!,
        message: entry.get('message')!,
        amount,
      });
    }
    r.session.data.vouchers = vouchers;
    forgetMethods(r);
    return { success: messages.voucher.cart };
  }

  const value = (name: string): string => field(post, name) ?? '';
  const error = new Map<string, string>();
  if (utf8Length(value('from_name')) < 1 || utf8Length(value('from_name')) > 64) error.set('from_name', messages.voucher.errorFromName);
  if (utf8Length(value('from_email')) > 96 || !isValidEmail(value('from_email'))) error.set('from_email', messages.voucher.errorEmail);
  if (utf8Length(value('to_name')) < 1 || utf8Length(value('to_name')) > 64) error.set('to_name', messages.voucher.errorToName);
  if (utf8Length(value('to_email')) > 96 || !isValidEmail(value('to_email'))) error.set('to_email', messages.voucher.errorEmail);
  // PHP's loose comparison of the posted text with the settings: non-numeric text is compared as a string.
  // Stryker disable next-line StringLiteral: equivalent — config_voucher_min is always set
  const min = r.config.get('config_voucher_min') ?? '';
  // Stryker disable next-line StringLiteral: equivalent — config_voucher_max is always set
  const max = r.config.get('config_voucher_max') ?? '';
  if (compare(value('amount'), min) < 0 || compare(value('amount'), max) > 0) {
    error.set('amount', sprintf(messages.voucher.errorAmount, r.currency.format(Number(min), currency), r.currency.format(Number(max), currency)));
  }
  if (error.size) return { error };

  const code = mtRand();
  const amount = toDefault(value('amount'));
  const vouchers = r.session.data.vouchers ?? new Map<PhpKey, SessionVoucher>();
  vouchers.set(code, {
    code,
    description: describe(amount, value('to_name')),
    to_name: value('to_name'),
    to_email: value('to_email'),
    from_name: value('from_name'),
    from_email: value('from_email'),
    voucher_theme_id: value('voucher_theme_id'),
    message: value('message'),
    amount,
  });
  r.session.data.vouchers = vouchers;
  forgetMethods(r);
  return { success: messages.voucher.cart };
}
