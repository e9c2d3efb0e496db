// Every setting learner the fixture check runs (src/target/learn-settings.ts says how their findings are used). One
// module per setting or group of settings, each citing the source lines it relies on.
import type { SettingLearner } from '../learn-settings';
import { learnErrorDisplay } from './error-display';
import { learnPaymentMethods } from './payment';
import { learnStock } from './stock';
import { learnTax } from './tax';
import { learnTotalStatuses } from './totals';

export const SETTING_LEARNERS: SettingLearner[] = [learnErrorDisplay, learnStock, learnTax, learnPaymentMethods, learnTotalStatuses];
