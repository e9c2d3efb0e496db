// config_error_display: whether the store prints PHP's warnings into its answers. api/cart/edit without `key` and
// `quantity` reads two undefined array keys (catalog/controller/api/cart.php:84), which PHP 8 warns about and a store
// that shows errors prints as HTML before its JSON; it changes nothing (no cart line has an empty key). The answer
// carries the value, so it is learned.
import type { SettingLearner } from '../learn-settings';

export const learnErrorDisplay: SettingLearner = async (session) => {
  const r = await (await session()).raw('api/cart/edit', {});
  if (!r) return [];
  return [r.phpNotice
    ? { key: 'config_error_display', value: true, evidence: `api/cart/edit without a key answers a PHP warning before its JSON ("${r.phpNotice.slice(0, 80)}")` }
    : { key: 'config_error_display', value: false, evidence: 'api/cart/edit without a key answers JSON alone' }];
};
