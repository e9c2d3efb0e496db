// OpenCart reads form fields with PHP's bracket syntax: option[226]=15, option[223][]=8, product[0][option][226]=16.

export type FormValue = string | number | boolean | null | undefined | FormValue[] | { [key: string]: FormValue };
export type Form = Record<string, FormValue>;

/** Flattens a nested form into [name, value] pairs in PHP bracket syntax (arrays of scalars as name[]). */
export function flattenForm(form: Form): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const walk = (name: string, value: FormValue): void => {
    if (value === undefined) return;
    if (value === null) pairs.push([name, '']);
    // name[] appends one element per pair, so only scalars may use it; an array of objects needs its indices
    // (voucher[0][code]=…&voucher[0][amount]=…), or PHP would make every field an element of its own.
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v !== null && typeof v === 'object' ? `${name}[${i}]` : `${name}[]`, v));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(`${name}[${k}]`, v);
    else pairs.push([name, String(value)]);
  };
  for (const [k, v] of Object.entries(form)) walk(k, v);
  return pairs;
}

/** application/x-www-form-urlencoded body; brackets stay readable, everything else is percent-encoded. */
export function encodeForm(form: Form): string {
  return flattenForm(form)
    .map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(v)}`)
    .join('&');
}
