// config_tax: whether the store shows line prices and shipping quotes with their taxes (catalog/controller/api/cart.php:
// 179-180, catalog/model/extension/shipping/flat.php:26: `$this->tax->calculate(..., $this->config->get('config_tax'))`).
// The "simple" product carries the suite's tax, so its line shows its price with tax (`unit_price`) or without it
// (`price_ex_tax`); the totals, and the order, are the same either way. A line with tax says the setting is on. A line
// without tax says it is off only while the totals still show the suite's tax lines (the product is taxed, only not
// shown so): a line without tax and no tax lines says nothing of the setting (the suite's tax does not apply on this
// store, or its Taxes total is off), and is left to the fixture check's currency check and to the scenarios.
import { parseMoney, withinRounding } from '../../api/money';
import type { SettingLearner } from '../learn-settings';

const amount = (v: unknown): number | undefined => (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '') ? Number(v) : undefined);

export const learnTax: SettingLearner = async (session) => {
  const s = await session();
  const productId = s.fixture('products.simple.product_id');
  const withTax = amount(s.fixture('products.simple.unit_price'));
  const exTax = amount(s.fixture('products.simple.price_ex_tax'));
  const rate = amount(s.fixture('currencies.default.value')) ?? 1;
  if (productId === undefined || withTax === undefined || exTax === undefined || withTax === exTax) return [];
  const added = await s.send('api/cart/add', { product_id: String(productId), quantity: 1 });
  if (typeof (added?.json as { success?: unknown } | undefined)?.success !== 'string') return [];
  const cart = (await s.send('api/cart/products'))?.json as { products?: Array<{ product_id: string; price: string }>; totals?: Array<{ title: string }> } | undefined;
  const line = cart?.products?.find((l) => l.product_id === String(productId));
  if (!line) return [];
  let shown: number;
  try {
    shown = parseMoney(line.price);
  } catch {
    return [];
  }
  const is = (price: number): boolean => withinRounding(shown, price * rate, 1);
  if (is(withTax)) {
    return [{ key: 'config_tax', value: true, evidence: `api/cart/products shows the "simple" product at ${line.price}, its price with tax` }];
  }
  const taxTitles = ['percentage', 'fixed'].map((t) => s.fixture(`taxes.${t}.title`)).filter((t): t is string => typeof t === 'string');
  const taxLines = (cart?.totals ?? []).filter((t) => taxTitles.includes(t.title)).map((t) => `"${t.title}"`);
  if (is(exTax) && taxLines.length) {
    return [{ key: 'config_tax', value: false, evidence: `api/cart/products shows the "simple" product at ${line.price}, its price before tax, with its tax in the totals (${taxLines.join(', ')})` }];
  }
  return [];
};
