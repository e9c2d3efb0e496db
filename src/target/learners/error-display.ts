// config_error_display: whether the store prints PHP's warnings into its answers. api/currency without a `currency`
// reads an undefined array key (catalog/controller/api/currency.php:13), which PHP 8 warns about: a store that shows
// errors prints the warning as HTML before its JSON. The answer carries the value, so it is learned.
import type { SettingLearner } from '../learn-settings';

export const learnErrorDisplay: SettingLearner = async (session) => {
  const r = await (await session()).raw('api/currency', {});
  if (!r) return [];
  return [r.phpNotice
    ? { key: 'config_error_display', value: true, evidence: `api/currency without a currency answers a PHP warning before its JSON ("${r.phpNotice.slice(0, 80)}")` }
    : { key: 'config_error_display', value: false, evidence: 'api/currency without a currency answers JSON alone' }];
};
