// The currencies a store has but has disabled (features/currency.feature): api/currency accepts every code the store
// has (catalog/model/localisation/currency.php:4, no status test); what the next request shows follows the release
// (src/target/release.ts ignoresDisabledCurrency: from 3.0.3.7 the startup drops a disabled currency for the default).
import { assertNotedAmountsIn, type CartWorld } from './cart';
import { Currency } from './roles';
import { NotApplicableError, type Target } from '../target/profile';

/** The role of the currency the fixtures name disabled (`"enabled": false`). */
export const DISABLED_ROLE = 'disabled';

/** The store's disabled currency; not applicable where the fixtures name none (the store has nothing to judge here). */
export function disabledCurrency(w: CartWorld & { target: Target }): Currency {
  const record = w.target.fixture(`currencies.${DISABLED_ROLE}`);
  if (!record || typeof record !== 'object' || Array.isArray(record) || record.enabled !== false) {
    throw new NotApplicableError(`the fixtures name no currency the store has disabled (currencies.${DISABLED_ROLE} with "enabled": false): a store without one has nothing to judge here`);
  }
  return new Currency(w, DISABLED_ROLE);
}

/**
 * After a disabled currency was chosen, the cart shows the noted amounts (default currency) in the default currency
 * where the release drops it, else in the disabled currency at its rate (its value and sample then needed).
 */
export async function assertNotedAmountsAfterDisabled(w: CartWorld & { target: Target }): Promise<void> {
  const ignored = w.target.trait('ignoresDisabledCurrency');
  await assertNotedAmountsIn(w, ignored ? new Currency(w, 'default') : disabledCurrency(w));
}
