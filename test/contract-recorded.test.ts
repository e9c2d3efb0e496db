// Every JSON answer the real store gave in the recording (test/fixtures/observed) must validate against its operation and
// match the response variant a reader of the recording would name.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Contract } from '../src/contract';

// 172 exchanges recorded with a real OpenCart 3.0.5.0, kept in the repo so a fresh clone can run this test.
const RECORDING = process.env.INVOTIDE_OBSERVED ?? require('node:path').join(__dirname, 'fixtures/observed/exchanges.json');

interface RecordedFile {
  file: string;
  request?: string;
  status?: number;
  response_headers?: string[];
  body?: string;
}

interface RecordedAnswer {
  number: number;
  file: string;
  route: string;
  status: number;
  contentType?: string;
  json: unknown;
}

/** Exchange number (the file's prefix in observed/) → the variant its answer is. */
const EXPECTED: Record<number, string> = {
  1: 'EmptyAnswer', 2: 'EmptyAnswer', 3: 'LoginSuccess', 4: 'EmptyAnswer', 5: 'LoginIpNotAllowed', 6: 'LoginIpNotAllowed',
  7: 'EmptyAnswer', 8: 'LoginSuccess', 9: 'PermissionDeniedObject', 10: 'PermissionDeniedObject', 11: 'PermissionDeniedString',
  12: 'PermissionDeniedObject', 13: 'PermissionDeniedObject', 14: 'EmptyAnswer', 16: 'LoginIpNotAllowed', 17: 'EmptyAnswer',
  20: 'CurrencyInvalid', 21: 'Success', 22: 'CurrencyInvalid', 23: 'CurrencyInvalid', 24: 'CurrencyInvalid', 25: 'Success', 26: 'Success',
  27: 'CartContents', 28: 'Success', 29: 'RequiredOptionsMissing', 30: 'RequiredOptionsMissing', 31: 'Success', 32: 'ProductNotInStore',
  33: 'EmptyAnswer', 34: 'Success', 35: 'Success', 36: 'Success', 37: 'Success', 38: 'EmptyAnswer', 39: 'CartContents', 40: 'CartContents',
  41: 'Success', 42: 'CartContents', 43: 'Success', 44: 'Success', 45: 'Success', 46: 'Success', 47: 'Success', 48: 'EmptyAnswer',
  49: 'Success', 50: 'Success', 51: 'CartContents', 52: 'CouponInvalid', 53: 'CouponInvalid', 54: 'CouponInvalid', 55: 'CouponInvalid',
  56: 'VoucherInvalid', 57: 'VoucherInvalid', 58: 'Success', 59: 'VoucherDetailsInvalid', 60: 'VoucherDetailsInvalid',
  61: 'VoucherDetailsInvalid', 62: 'VoucherDetailsInvalid', 63: 'VoucherDetailsInvalid', 64: 'CartContents', 65: 'CustomerInvalid',
  66: 'CustomerInvalid', 67: 'CustomerInvalid', 68: 'CustomerInvalid', 69: 'Success', 70: 'RewardPoints', 71: 'RewardMaximum',
  72: 'RewardRejected', 73: 'RewardRejected', 74: 'PaymentAddressRequired', 75: 'PaymentMethodRejected', 76: 'AddressInvalid',
  77: 'AddressInvalid', 78: 'Success', 79: 'PaymentMethods', 80: 'PaymentMethodRejected', 81: 'PaymentMethodRejected', 82: 'Success',
  83: 'OrderRejected', 84: 'ShippingAddressRequired', 85: 'AddressInvalid', 86: 'Success', 87: 'Success', 88: 'ShippingMethodRejected',
  89: 'ShippingMethods', 90: 'ShippingMethodRejected', 91: 'ShippingMethodRejected', 92: 'ShippingMethodRejected', 93: 'OrderRejected',
  94: 'Success', 95: 'CartContents', 96: 'OrderRejected', 97: 'OrderAdded', 98: 'CartContents', 99: 'OrderAdded', 100: 'OrderInfo',
  101: 'OrderInfo', 102: 'OrderNotFound', 103: 'OrderNotFound', 104: 'OrderNotFound', 105: 'Success', 106: 'OrderNotFound', 107: 'Success',
  108: 'OrderRejected', 109: 'OrderRejected', 110: 'Success', 111: 'Success', 112: 'OrderRejected', 113: 'Success', 114: 'OrderRejected',
  115: 'Success', 116: 'ShippingMethods', 117: 'PaymentMethods', 118: 'Success', 119: 'OrderInfo', 120: 'OrderNotFound',
  121: 'OrderNotFound', 122: 'Success', 123: 'OrderNotFound', 124: 'OrderNotFound', 125: 'LoginSuccess', 126: 'CartContents',
  127: 'OrderRejected', 128: 'Success', 129: 'CartContents', 130: 'Success', 131: 'EmptyAnswer', 132: 'ShippingNotRequired',
  133: 'EmptyAnswer', 134: 'Success', 135: 'NoPaymentOptions', 136: 'Success', 137: 'PaymentMethods', 138: 'Success', 139: 'Success',
  140: 'ShippingMethods', 141: 'Success', 142: 'OrderRejected', 143: 'AddressInvalid', 144: 'OrderRejected', 145: 'Success', 146: 'Success',
  147: 'PaymentMethods', 148: 'OrderAdded', 149: 'Success', 150: 'CartContents', 151: 'OrderRejected', 152: 'PermissionDeniedObject',
  153: 'PermissionDeniedObject', 154: 'LoginSuccess', 155: 'Success', 156: 'Success', 157: 'RewardPoints', 158: 'RewardMaximum',
  159: 'RewardRejected', 160: 'RewardRejected', 161: 'Success', 162: 'Success', 163: 'Success', 164: 'CartContents', 165: 'Success',
  166: 'Success', 167: 'PaymentMethods', 168: 'ShippingMethods', 169: 'OrderAdded', 170: 'OrderInfo', 171: 'RewardPoints',
};

/** The recording blanks tokens as <TOKEN_n>; a made-up token of the real format (26 lowercase hex) stands in. */
function unredact(body: string): string {
  return body.replace(/<TOKEN_(\d+)>/g, (_m, n: string) => Number(n).toString(16).padStart(26, 'f'));
}

function recordedAnswers(contract: Contract): { answers: RecordedAnswer[]; apiJson: number } {
  const files = JSON.parse(readFileSync(RECORDING, 'utf8')) as RecordedFile[];
  const routes = new Set(contract.operations().map((o) => o.route));
  const answers: RecordedAnswer[] = [];
  let apiJson = 0;
  for (const f of files) {
    if (f.body === undefined || f.request === undefined || f.status === undefined) continue; // free-form notes
    const route = /[?&]route=([^&\s]+)/.exec(f.request)?.[1];
    const contentType = f.response_headers?.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '');
    if (!route || !routes.has(route) || !/application\/json/i.test(contentType ?? '')) continue;
    let json: unknown;
    try {
      json = JSON.parse(unredact(f.body));
    } catch {
      continue;
    }
    apiJson++;
    answers.push({ number: Number(/^(\d+)-/.exec(f.file)?.[1]), file: f.file, route, status: f.status, contentType, json });
  }
  return { answers, apiJson };
}

const skip = existsSync(RECORDING) ? false : `the recording ${RECORDING} is not here (set INVOTIDE_OBSERVED)`;

describe('the contract against the recorded store', { skip }, () => {
  const contract = Contract.load();
  const { answers, apiJson } = skip ? { answers: [], apiJson: 0 } : recordedAnswers(contract);

  it('every recorded JSON answer of an API route validates against its operation', () => {
    const failures: string[] = [];
    let valid = 0;
    for (const a of answers) {
      const r = contract.validate(a.route, a.status, a.contentType, a.json);
      if (r.ok) valid++;
      else failures.push(`#${a.number} ${a.file}: ${r.violations.map((v) => `${v.pointer || '/'} expected ${v.expected}, got ${v.excerpt}`).join('; ')}`);
    }
    console.log(`contract: ${valid} of ${apiJson} recorded JSON answers validate`);
    assert.ok(apiJson >= 160, `only ${apiJson} recorded JSON answers found in ${RECORDING}`);
    assert.deepEqual(failures, []);
  });

  it('every recorded answer matches the variant the recording shows', () => {
    const wrong: string[] = [];
    for (const a of answers) {
      const expected = EXPECTED[a.number];
      const got = contract.validate(a.route, a.status, a.contentType, a.json).variant;
      if (expected === undefined) wrong.push(`#${a.number} ${a.file}: no expected variant in the table (got ${got})`);
      else if (got !== expected) wrong.push(`#${a.number} ${a.file}: expected ${expected}, got ${got ?? 'no variant'}`);
    }
    assert.deepEqual(wrong, []);
    assert.equal(answers.length, Object.keys(EXPECTED).length, 'the table names exchanges the recording does not have');
  });

  it('the recording exercises every response variant but the ones it never met', () => {
    const seen = new Set(Object.values(EXPECTED));
    const unseen = contract.variantTitles().filter((t) => !seen.has(t));
    console.log(`contract: ${seen.size} of ${contract.variantTitles().length} response variants seen in the recording; never recorded: ${unseen.join(', ') || 'none'}`);
    // A store recorded from a fresh install never ran out of shipping quotes (flat quotes everywhere).
    assert.deepEqual(unseen, ['NoShippingOptions']);
  });

  it('the recorded answers carry no field the contract does not document', () => {
    const extra = answers.flatMap((a) => contract.undocumentedFields(a.route, a.json).map((p) => `#${a.number} ${p}`));
    assert.deepEqual(extra, []);
  });
});
