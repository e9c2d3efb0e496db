// Where 3.0.x releases answer differently, the scenarios judge the store by its release; the tasks are in
// src/api/release.ts.
import { Given, Then } from './support/cucumber';
import { assertReleaseTakesShipping, expectExpiredSessionDataAsReleased, expectKeyAloneAsReleased, expectNotCacheable, expectPaddedEmailAsReleased, expectShippingCityAsReleased } from '../src/api/release';
import type { ConformanceWorld } from './support/world';

Given('the store\'s release takes a shipping {word} of {string}', function (this: ConformanceWorld, field: string, value: string) {
  assertReleaseTakesShipping(this, field, value);
});

Then('a shipping city of {string} is taken as the store\'s release promises', function (this: ConformanceWorld, value: string) {
  expectShippingCityAsReleased(this, value);
});

Then('the e-mail address is taken as the store\'s release promises', function (this: ConformanceWorld) {
  expectPaddedEmailAsReleased(this);
});

Then('the answer tells caches not to keep it', function (this: ConformanceWorld) {
  expectNotCacheable(this);
});

Then('the key alone is answered as the store\'s release promises', function (this: ConformanceWorld) {
  expectKeyAloneAsReleased(this);
});

Then('the token is answered as the store\'s release promises for expired session data', function (this: ConformanceWorld) {
  expectExpiredSessionDataAsReleased(this);
});
