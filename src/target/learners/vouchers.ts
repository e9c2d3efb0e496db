// config_voucher_min and config_voucher_max: the amounts a gift voucher bought through api/voucher/add may have. A
// purchase outside them is refused with a message that quotes both (catalog/controller/api/voucher.php:105-106,
// "Amount must be between $1.00 and $1,000.00!"), formatted in the session currency: the answer carries the values, so
// they are learned and the fixtures need not name them (vouchers.minimum_amount, vouchers.maximum_amount).
// The store compares the posted amount UNCONVERTED with its limits (voucher.php:105), whatever the session currency; a
// fresh session is in the default currency, whose rate divides the quoted bounds back into the setting's units.
// A store that accepts an amount below any sensible minimum has no limits: that is not configuration to learn but the
// voucher scenarios' failure, so nothing is learned and the fixtures' limits (a fresh install's) stay to be judged.
import type { Probe } from '../learn-settings';
import { Currency } from '../../api/roles';
import { moneyFormat, parseMoney, type MoneyFormat } from '../../api/money';

export interface VoucherLimits {
  minimum: number;
  maximum: number;
  /** What the store answered, in a sentence. */
  evidence: string;
}

/** What a gift voucher purchase of an amount below every limit told: the limits, none at all, or nothing (no well-formed answer). */
export type VoucherLimitsFinding = { limits: VoucherLimits } | { unlimited: string } | undefined;

/** Below any minimum an operator sets: a negative amount. */
export const PROBE_AMOUNT = '-1';

/**
 * The two amounts a refusal quotes (the last two of the text), as numbers in the currency it shows them in: read in
 * that currency's format where it is known (`format`: "1 000,00" is a thousand), else by their look.
 */
export function quotedBounds(message: string, format?: MoneyFormat): [number, number] | undefined {
  // A number with any separators between its digits (a space, a dot, a comma, an apostrophe).
  const numbers = message.match(/-?\d(?:[\d.,'\u00a0\u202f ]*\d)?/g);
  if (!numbers || numbers.length < 2) return undefined;
  const [a, b] = numbers.slice(-2).map((n) => parseMoney(n, format));
  return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : undefined;
}

export async function learnVoucherLimits(probe: Probe): Promise<VoucherLimitsFinding> {
  const r = await probe.send('api/voucher/add', {
    from_name: 'Invotide', from_email: 'check@invotide.example', to_name: 'Invotide', to_email: 'check@invotide.example',
    voucher_theme_id: 0, message: '', amount: PROBE_AMOUNT,
  });
  if (!r) return undefined;
  const body = r.json as { success?: unknown; error?: { amount?: unknown } };
  if (typeof body.success === 'string') return { unlimited: `api/voucher/add accepts a gift voucher of ${PROBE_AMOUNT}` };
  const said = body.error?.amount;
  if (typeof said !== 'string') return undefined;
  const currency = new Currency(probe, 'default');
  const sample = currency.optional('sample');
  const bounds = quotedBounds(said, typeof sample === 'string' ? moneyFormat(sample) : undefined);
  if (!bounds) return undefined;
  // Amounts are shown at the currency's rate; the default currency's is 1 on a store as OpenCart keeps it.
  const rate = Number(currency.optional('value') ?? 1) || 1;
  const [minimum, maximum] = bounds.map((b) => Number((b / rate).toFixed(4)));
  return { limits: { minimum, maximum, evidence: `api/voucher/add refuses a gift voucher of ${PROBE_AMOUNT} with "${said}"` } };
}
