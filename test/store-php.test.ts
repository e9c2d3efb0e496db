// Reference store: the PHP semantics its answers depend on (store/php.ts) and PHP's parsing of form fields with
// OpenCart's Request::clean (store/request.ts). How MySQL's columns keep values: test/store-columns.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compare, isValidEmail, jsonDecode, jsonEncode, numberFormat, phpRound, toInt, toPhpString, truthy, type PhpArray,
} from '../store/php';
import { clean, parseCookies, parseVariables } from '../store/request';

const parse = (body: string): PhpArray => clean(parseVariables(Buffer.from(body, 'utf8').toString('latin1')));
const plain = (value: unknown): unknown => (value instanceof Map ? Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)])) : value);

describe('reference store: PHP semantics', () => {
  it('json_encode: escapes slashes and non-ASCII, writes [] for an empty array and keeps Map key order', () => {
    assert.equal(jsonEncode({ url: 'http://x/', name: 'Zoë 💥', empty: {} }), '{"url":"http:\\/\\/x\\/","name":"Zo\\u00eb \\ud83d\\udca5","empty":[]}');
    assert.equal(jsonEncode(new Map<string | number, string>([[218, 'a'], [208, 'b']])), '{"218":"a","208":"b"}');
    assert.equal(jsonEncode(new Map([[0, 'a'], [1, 'b']])), '["a","b"]');
    assert.equal(jsonEncode([25, 25.5, 0.1 + 0.2, -0, 1e17, 1e-5]), '[25,25.5,0.30000000000000004,-0,1.0e+17,1.0e-5]');
  });

  it('json_decode keeps the order of numeric keys and answers null for invalid text', () => {
    assert.deepEqual([...(jsonDecode('{"223":["8"],"217":"4"}') as PhpArray).keys()], [223, 217]);
    assert.equal(jsonDecode('{"a":'), null);
  });

  it('round() and number_format() as PHP: half away from zero after pre-rounding, never "-0"', () => {
    assert.equal(phpRound(1.005, 2), 1.01);
    assert.equal(phpRound(-2.5), -3);
    assert.equal(phpRound(96.66270246, 2), 96.66);
    assert.equal(numberFormat(1234567.891, 2), '1,234,567.89');
    assert.equal(numberFormat(-150, 2), '-150.00');
    assert.equal(numberFormat(-0.001, 2), '0.00');
  });

  it('(int) casts: leading numbers, exponents, saturation, arrays', () => {
    assert.deepEqual(['12abc', 'abc', ' 7', '1e3', '1.9', '-3', '', '99999999999999999999999'].map(toInt), [12, 0, 7, 1000, 1, -3, 0, 9223372036854775807]);
    assert.equal(toInt(new Map([[0, 'x']])), 1);
  });

  it('PHP 8 comparison: numeric strings numerically, other strings byte-wise, null as "" against strings', () => {
    assert.equal(compare('1100', '1000'), 1);
    assert.equal(compare('abc', '1000'), 1, 'non-numeric text compares as a string');
    assert.equal(compare('abc', 1200), 1);
    assert.equal(compare('100', null), 1);
    assert.equal(compare(null, '1000'), -1);
    assert.equal(compare(' 5', '1'), 1);
    assert.equal(compare('01', '1'), 0);
    assert.deepEqual(['0', '', '0.0', 'a'].map(truthy), [false, false, true, true]);
  });

  it('(string) of floats uses 14 significant digits', () => {
    assert.deepEqual([300, 300.5, 0.1 + 0.2, 1e15, -0.5].map(toPhpString), ['300', '300.5', '0.3', '1.0E+15', '-0.5']);
  });

  it('FILTER_VALIDATE_EMAIL without catastrophic backtracking', () => {
    assert.ok(isValidEmail('jane@example.com'));
    assert.ok(!isValidEmail('jane@@example'));
    const started = Date.now();
    assert.ok(!isValidEmail(`${'a.'.repeat(40)}@${'a.'.repeat(40)}-`));
    assert.ok(!isValidEmail(`"${'"a'.repeat(45)}@example.com`));
    // Catastrophic backtracking on these inputs would take hours: a bound no loaded machine comes near still catches it.
    assert.ok(Date.now() - started < 5_000);
  });
});

describe('reference store: form fields as PHP reads them', () => {
  it('builds arrays from bracket names, appends with [], keeps the posted order', () => {
    const post = parse('option%5B223%5D%5B%5D=8&option[217]=4&option[223][]=9&product[0][option][226]=16&a.b=1&c d=2');
    assert.deepEqual(plain(post), { option: { 223: { 0: '8', 1: '9' }, 217: '4' }, product: { 0: { option: { 226: '16' } } }, a_b: '1', c_d: '2' });
    assert.deepEqual([...(post.get('option') as PhpArray).keys()], [223, 217]);
  });

  it('treats an unclosed bracket as part of the name, and overwrites a string with an array', () => {
    assert.deepEqual(plain(parse('a[b=1&x=1&x[y]=2')), { a_b: '1', x: { y: '2' } });
  });

  it('HTML-escapes every key and value (Request::clean); invalid UTF-8 becomes an empty string', () => {
    assert.deepEqual(plain(parse('name=%3Cb%3E%22Jo%22+%26+co%27&%3Ck%3E=v&bad=%FF')), { name: '&lt;b&gt;&quot;Jo&quot; &amp; co\'', '&lt;k&gt;': 'v', bad: '' });
  });

  it('stops after 1000 variables and 64 levels, like PHP', () => {
    const many = Array.from({ length: 1005 }, (_, i) => `v${i}=1`).join('&');
    assert.equal(parse(many).size, 1000);
    assert.equal(parse(`${'a'}${'[x]'.repeat(70)}=1`).size, 0);
  });

  it('reads cookies with the first of a name winning', () => {
    assert.deepEqual(plain(parseCookies('OCSESSID=abc; currency=EUR; currency=USD')), { OCSESSID: 'abc', currency: 'EUR' });
  });
});
