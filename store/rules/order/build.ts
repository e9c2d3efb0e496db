// Building an order from the session (controller api/order): the customer, both addresses and methods, the cart's
// products, gift vouchers and totals, the affiliate's commission and the client's request headers.
import type { Registry } from '../../context';
import { sessionCurrency } from '../../context';
import { LANGUAGE_ID } from '../../config';
import { htmlspecialchars, jsonEncode, token, toInt, type PhpValue } from '../../php';
import { field } from '../../request';
import { computeTotals, type TotalLine } from '../totals';
import type { OrderVoucher } from '../voucher';

export interface OrderProduct {
  product_id: number;
  name: string;
  model: string;
  option: Array<{ product_option_id: PhpValue; product_option_value_id: PhpValue; name: string; value: PhpValue; type: string }>;
  quantity: number;
  price: number;
  total: number;
  tax: number;
  reward: number;
}

/** An order's payment or shipping address, by the in_order column names without their payment_/shipping_ prefix. */
export interface AddressColumns {
  firstname: string;
  lastname: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  postcode: string;
  country: string;
  country_id: number;
  zone: string;
  zone_id: number;
  address_format: string;
  custom_field: string;
}

export interface OrderData {
  invoice_prefix: string;
  store_name: string;
  store_url: string;
  customer_id: number;
  customer_group_id: number;
  firstname: string;
  lastname: string;
  email: string;
  telephone: string;
  custom_field: string;
  payment: AddressColumns;
  payment_method: string;
  payment_code: string;
  shipping: AddressColumns;
  shipping_method: string;
  shipping_code: string;
  products: OrderProduct[];
  vouchers: OrderVoucher[];
  totals: TotalLine[];
  total: number;
  comment: string;
  affiliate_id: number;
  commission: number;
  marketing_id: number;
  tracking: string;
  language_id: number;
  currency_id: number;
  currency_code: string;
  currency_value: number;
  ip: string;
  forwarded_ip: string;
  user_agent: string;
  accept_language: string;
}

const emptyAddress = (): AddressColumns => ({
  firstname: '', lastname: '', company: '', address_1: '', address_2: '', city: '', postcode: '', country: '', country_id: 0, zone: '',
  zone_id: 0, address_format: '', custom_field: '[]',
});

function addressColumns(address: NonNullable<Registry['session']['data']['payment_address']>): AddressColumns {
  return {
    firstname: address.firstname,
    lastname: address.lastname,
    company: address.company,
    address_1: address.address_1,
    address_2: address.address_2,
    city: address.city,
    postcode: address.postcode,
    country: address.country,
    country_id: toInt(address.country_id),
    zone: address.zone,
    zone_id: toInt(address.zone_id),
    address_format: address.address_format,
    // Stryker disable next-line LogicalOperator: equivalent on the demo data — it defines no custom fields, so every address's custom_field is an empty map
    custom_field: jsonEncode(address.custom_field ?? new Map()),
  };
}

/** Request headers reach the order through Request::clean, so they are HTML-escaped too. */
const serverVar = (value: string | undefined): string => htmlspecialchars(value ?? '');

export function buildOrder(r: Registry): OrderData {
  const data = r.session.data;
  const customer = data.customer!;
  const payment = data.payment_address!;
  const shipping = r.cart.hasShipping() ? data.shipping_address : undefined;
  const totals = computeTotals(r);
  const post = r.request.post;
  const currency = sessionCurrency(r);

  let affiliateId = 0;
  let commission = 0;
  const affiliate = field(post, 'affiliate_id');
  if (affiliate !== undefined) {
    const subTotal = r.cart.getSubTotal();
    const row = r.db.get<{ customer_id: number; commission: string }>('SELECT customer_id, commission FROM in_customer_affiliate WHERE customer_id = ?', toInt(affiliate));
    if (row) {
      affiliateId = row.customer_id;
      commission = (subTotal / 100) * Number(row.commission);
    }
  }

  const server = r.request.server;
  // Stryker disable next-line StringLiteral: unreachable — the store always has its invoice prefix, name and URL settings
  const setting = (key: string): string => r.config.get(key) ?? '';
  return {
    invoice_prefix: setting('config_invoice_prefix'),
    store_name: setting('config_name'),
    store_url: setting('config_url'),
    customer_id: toInt(customer.customer_id),
    customer_group_id: toInt(customer.customer_group_id),
    firstname: customer.firstname,
    lastname: customer.lastname,
    email: customer.email,
    telephone: customer.telephone,
    // Stryker disable next-line LogicalOperator: equivalent on the demo data — it defines no custom fields, so the customer's custom_field is an empty map
    custom_field: jsonEncode(customer.custom_field ?? new Map()),
    payment: addressColumns(payment),
    // validateOrderSession refuses an order without a payment method, or a shippable one without a shipping method.
    payment_method: data.payment_method!.title,
    payment_code: data.payment_method!.code,
    shipping: shipping ? addressColumns(shipping) : emptyAddress(),
    shipping_method: shipping ? data.shipping_method!.title : '',
    shipping_code: shipping ? data.shipping_method!.code : '',
    products: r.cart.getProducts().map((p) => ({
      product_id: p.product_id,
      name: p.name,
      model: p.model,
      option: p.option.map((o) => ({ product_option_id: o.product_option_id, product_option_value_id: o.product_option_value_id, name: o.name, value: o.value, type: o.type })),
      quantity: p.quantity,
      price: p.price,
      total: p.total,
      tax: r.tax.getTax(p.price, p.tax_class_id),
      reward: p.reward,
    })),
    // Stryker disable next-line ArrayDeclaration,ObjectLiteral: not observable — a gift voucher bought gets a random code that no API route returns, and order/info has no voucher lines
    vouchers: [...(data.vouchers?.values() ?? [])].map((v) => ({
      description: v.description,
      code: token(10),
      to_name: v.to_name,
      to_email: v.to_email,
      from_name: v.from_name,
      from_email: v.from_email,
      voucher_theme_id: v.voucher_theme_id,
      message: v.message,
      amount: v.amount,
    })),
    totals: totals.totals,
    total: totals.total,
    comment: field(post, 'comment') ?? '',
    affiliate_id: affiliateId,
    commission,
    marketing_id: 0,
    // Stryker disable next-line StringLiteral: not observable — order/info does not return tracking
    tracking: '',
    language_id: LANGUAGE_ID,
    currency_id: r.currency.id(currency),
    currency_code: currency,
    currency_value: r.currency.value(currency),
    ip: server.REMOTE_ADDR,
    forwarded_ip: server.HTTP_X_FORWARDED_FOR ? serverVar(server.HTTP_X_FORWARDED_FOR) : server.HTTP_CLIENT_IP ? serverVar(server.HTTP_CLIENT_IP) : '',
    user_agent: serverVar(server.HTTP_USER_AGENT),
    accept_language: serverVar(server.HTTP_ACCEPT_LANGUAGE),
  };
}
