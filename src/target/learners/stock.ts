// config_stock_checkout and config_stock_warning: whether the store sells beyond its stock, and whether it then still
// warns. api/cart/products adds error.stock and marks a line short of stock `stock: false` unless checkout beyond stock
// is allowed without the warning (catalog/controller/api/cart.php:136 and 177: `!$this->cart->hasStock() &&
// (!$this->config->get('config_stock_checkout') || $this->config->get('config_stock_warning'))`).
// - A line of far more than any stock, shown in stock and without a warning: checkout beyond stock is allowed without
//   the warning, or the store's stock check does not work. A broken store would answer alike, so the values stay what
//   the fixtures say, and a contradiction gives both readings.
// - A warning: checkout beyond stock is refused, or allowed with the warning. Only api/order/add tells those apart
//   (catalog/controller/api/order.php:73), and the fixture check writes no order, so config_stock_checkout stays what
//   the fixtures say; where they say checkout is allowed, the warning shows config_stock_warning is on (or checkout
//   is refused after all).
import type { SettingLearner, SettingObservation } from '../learn-settings';
import { declaredSetting } from './declared';

/** A quantity beyond any stock a store holds of the suite's product. */
export const BEYOND_ANY_STOCK = 1_000_000;

export const learnStock: SettingLearner = async (session) => {
  const s = await session();
  const productId = s.fixture('products.simple.product_id');
  if (typeof productId !== 'number' && typeof productId !== 'string') return [];
  const added = await s.send('api/cart/add', { product_id: String(productId), quantity: BEYOND_ANY_STOCK });
  if (typeof (added?.json as { success?: unknown } | undefined)?.success !== 'string') return [];
  const cart = (await s.send('api/cart/products'))?.json as { error?: { stock?: unknown }; products?: Array<{ product_id: string; stock: unknown }> } | undefined;
  const line = cart?.products?.find((l) => l.product_id === String(productId));
  if (!line) return [];
  const warned = typeof cart?.error?.stock === 'string';
  const cartOf = `a cart of ${BEYOND_ANY_STOCK} of the "simple" product`;
  if (!warned && line.stock === true) {
    const evidence = `api/cart/products shows ${cartOf} in stock, without a stock warning`;
    const orBroken = 'the store\'s stock check does not work (then the scenarios on stock say so)';
    return [
      { key: 'config_stock_checkout', value: true, evidence, orBroken },
      { key: 'config_stock_warning', value: false, evidence, orBroken },
    ];
  }
  if (warned && line.stock === false && declaredSetting(s, 'config_stock_checkout') === true) {
    const observation: SettingObservation = {
      key: 'config_stock_warning', value: true,
      evidence: `api/cart/products warns that ${cartOf} is not in stock, where checkout beyond stock is allowed (config_stock_checkout is true in the fixtures)`,
      orBroken: 'the store does not sell beyond its stock (its Stock Checkout is off: then leave config_stock_checkout out of the fixtures)',
    };
    return [observation];
  }
  // A warning where checkout is refused, as expected; or answers that contradict each other, which the scenarios judge.
  return [];
};
