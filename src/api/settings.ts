// What the scenarios expect under the store's settings (src/target/settings.ts, docs/store-settings.md): the stock
// warning (config_stock_checkout, config_stock_warning), prices with or without tax (config_tax) and the payment methods
// a store offers (payment_free_checkout_status, payment_cod_total). Each helper reads the target's settings and gives
// the expectation for the value the store has, or ends the scenario as not applicable, naming the setting, where the
// scenario has nothing to judge under that value (another scenario judges that branch).
import { NotApplicableError, type Target } from '../target/profile';
import { isSettingKey, type SettingKey } from '../target/settings';
import { productRoleOf } from './cart';
import { parseMoney } from './money';
import { fixtureText, Role, type FixtureReader, type Product } from './roles';

/** What these helpers need of the scenario's World (ConformanceWorld satisfies it). */
export interface SettingsWorld extends FixtureReader {
  readonly target: Pick<Target, 'settings' | 'describeSetting' | 'settingSource'>;
}

function notApplicable(w: SettingsWorld, keys: SettingKey[], why: string): never {
  throw new NotApplicableError(`${why} (${keys.map((k) => w.target.describeSetting(k)).join(', ')})`);
}

// ---------------------------------------------------------------------------------------------------------------
// Stock: catalog/controller/api/cart.php:136 and 177 warn of a line beyond the stock (error.stock, `stock: false`)
// unless checkout beyond stock is allowed without the warning; catalog/controller/api/order.php:73 refuses an order
// beyond the stock unless checkout beyond stock is allowed.

const STOCK: SettingKey[] = ['config_stock_checkout', 'config_stock_warning'];

/** Whether cart/products warns of a line beyond the stock and marks it out of stock. */
export function warnsOfStock(w: SettingsWorld): boolean {
  const s = w.target.settings;
  return !s.config_stock_checkout || s.config_stock_warning;
}

/**
 * For a scenario that needs the stock warning, or reads the stock through a line's `stock` flag: a store that sells
 * beyond its stock without the warning shows every line in stock, whatever the stock.
 */
export function requireStockWarning(w: SettingsWorld, why = 'a line beyond the stock is in stock, without a warning (cart-products-stock-one-more judges that)'): void {
  if (!warnsOfStock(w)) notApplicable(w, STOCK, `the store sells beyond its stock without a stock warning: ${why}`);
}

/** For a scenario in which an order beyond the stock is refused. */
export function requireStockRefusal(w: SettingsWorld): void {
  if (w.target.settings.config_stock_checkout) {
    notApplicable(w, ['config_stock_checkout'], 'the store sells beyond its stock, so it takes an order beyond it (order-add-beyond-stock judges that)');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Prices with or without tax: catalog/controller/api/cart.php:179-180 (line prices and totals) and
// catalog/model/extension/shipping/flat.php:26 (the quote text) add the taxes only where config_tax is on; the totals
// and the order are the same either way. The suite's taxed products carry its own tax (the fixtures' `taxes`: a
// percentage and a fixed amount per unit); the fixtures give each product's price with tax and before it.

export const pricesWithTax = (w: SettingsWorld): boolean => w.target.settings.config_tax;

const taxed = (product: Product): boolean => product.unitPrice !== product.priceExTax;
const cents = (amount: number): number => Math.round(amount * 100) / 100;

function suiteTax(w: SettingsWorld): { percentage: number; fixed: number } {
  return { percentage: new Role(w, 'taxes', 'percentage').number('rate'), fixed: new Role(w, 'taxes', 'fixed').number('rate') };
}

/** A unit price of a product before tax, from the same price with tax (the suite's tax, when the product is taxed). */
export function priceBeforeTax(w: SettingsWorld, product: Product, withTax: number): number {
  if (!taxed(product)) return withTax;
  if (withTax === product.unitPrice) return product.priceExTax;
  const tax = suiteTax(w);
  return cents((withTax - tax.fixed) / (1 + tax.percentage / 100));
}

/** A unit price of a product with tax, from the same price before tax. */
export function priceWithTax(w: SettingsWorld, product: Product, exTax: number): number {
  if (!taxed(product)) return exTax;
  const tax = suiteTax(w);
  return cents(exTax * (1 + tax.percentage / 100) + tax.fixed);
}

/** A unit price of a product as the store shows it (`withTax`: the price with tax, in the default currency). */
export function shownPrice(w: SettingsWorld, product: Product, withTax: number): number {
  return pricesWithTax(w) ? withTax : priceBeforeTax(w, product, withTax);
}

/** How a shown price was reckoned, for a message. */
export const priceShown = (w: SettingsWorld): string => (pricesWithTax(w) ? 'with tax' : `before tax, as the store shows prices (${w.target.describeSetting('config_tax')})`);

/** The fixtures path of a shipping method's quote text at an address: its cost with the address's taxes, or its cost. */
export function quoteTextPath(w: SettingsWorld, role: string, address: string): string {
  return pricesWithTax(w) ? `shipping_methods.${role}.text_by_address.${address}` : `shipping_methods.${role}.cost`;
}

// ---------------------------------------------------------------------------------------------------------------
// Payment methods: an extension is offered only where its status is on (catalog/controller/api/payment.php:202);
// cash on delivery only from its minimum total, where it has one (catalog/model/extension/payment/cod.php:8).

/** The status setting of a payment method role, when the catalogue knows it (payment_free_checkout_status). */
function statusKey(w: SettingsWorld, role: string): SettingKey | undefined {
  const key = `payment_${fixtureText(w, `payment_methods.${role}.code`)}_status`;
  return isSettingKey(key) ? key : undefined;
}

/** Whether the store offers a payment method role at all (as far as the settings say). */
export function offersPaymentMethod(w: SettingsWorld, role: string): boolean {
  const key = statusKey(w, role);
  return key === undefined || w.target.settings[key] !== false;
}

/** For a scenario that pays with a method, or lists it: not applicable where the store does not offer it. */
export function requirePaymentMethod(w: SettingsWorld, role: string, offered = true): void {
  if (offersPaymentMethod(w, role) !== offered) {
    notApplicable(w, [statusKey(w, role)!], `the store ${offered ? 'does not offer' : 'offers'} the "${role}" payment method`);
  }
}

/** Cash on delivery's minimum total, in the default currency (0: none). */
export const codMinimum = (w: SettingsWorld): number => w.target.settings.payment_cod_total;

/** For a scenario that pays a cart by cash on delivery: its Total (in the default currency) must reach the minimum. */
export function requireCodTotalReached(w: SettingsWorld, total: number, shown: string): void {
  const minimum = codMinimum(w);
  if (minimum > 0 && total < minimum) {
    notApplicable(w, ['payment_cod_total'], `the cart's Total ${shown} is below the minimum total of cash on delivery, which is not offered for it`);
  }
}

/** Each cart line's unit price with tax, from the price before tax it shows (for the Total, where lines show no tax). */
export function productWithTax(w: SettingsWorld): (line: { product_id: string; price: string }) => number {
  return (line) => {
    const product = productRoleOf(w, line.product_id);
    if (!product) throw new Error(`cart line of product ${line.product_id}, which no fixture role names: its tax is not known`);
    return priceWithTax(w, product, parseMoney(line.price));
  };
}
