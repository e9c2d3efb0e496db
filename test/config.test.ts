import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config';
import { FIXTURES_SCHEMA, assertFixturesShape, loadFixtures } from '../src/fixtures';

const root = path.resolve(__dirname, '..');
const dir = () => mkdtempSync(path.join(tmpdir(), 'invotide-config-'));

describe('configuration', () => {
  it('defaults to the embedded store with the provisioned fixtures', () => {
    const c = loadConfig({ env: {}, cwd: root, envFile: undefined });
    assert.equal(c.targetUrl, undefined);
    assert.equal(c.apiUsername, 'invotide-suite', 'the user provisioning adds for runs');
    assert.equal(c.allowWrites, false);
    assert.equal(c.timeoutMs, 10_000);
    assert.match(c.fixturesFile, /targets\/provisioned\.json$/);
  });

  it('normalises a pasted API URL to the folder holding index.php', () => {
    const c = loadConfig({ env: { INVOTIDE_TARGET_URL: 'https://shop.example.com/store/index.php?route=api/login', INVOTIDE_API_KEY: 'k' }, cwd: root });
    assert.equal(c.targetUrl, 'https://shop.example.com/store/');
  });

  it('lets flags win over the environment, and the environment over .env', () => {
    const d = dir();
    writeFileSync(path.join(d, '.env'), 'INVOTIDE_TIMEOUT_MS=2000\nINVOTIDE_API_USERNAME=fromfile\n');
    const fixtures = path.join(root, 'targets/provisioned.json');
    const c = loadConfig({ cwd: d, env: { INVOTIDE_TIMEOUT_MS: '3000', INVOTIDE_FIXTURES: fixtures }, flags: { INVOTIDE_TIMEOUT_MS: '4000' } });
    assert.equal(c.timeoutMs, 4000);
    assert.equal(c.apiUsername, 'fromfile');
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['a target without a key', { INVOTIDE_TARGET_URL: 'http://x/' }, /INVOTIDE_API_KEY is required/],
    ['a target that is not a URL', { INVOTIDE_TARGET_URL: 'not a url', INVOTIDE_API_KEY: 'k' }, /is not a URL/],
    ['an ftp target', { INVOTIDE_TARGET_URL: 'ftp://x/', INVOTIDE_API_KEY: 'k' }, /must be http or https/],
    ['a timeout in words', { INVOTIDE_TIMEOUT_MS: 'ten' }, /INVOTIDE_TIMEOUT_MS must be a whole number/],
    ['a tiny timeout', { INVOTIDE_TIMEOUT_MS: '5' }, /from 100 to 600000/],
    ['allow-writes as maybe', { INVOTIDE_ALLOW_WRITES: 'maybe' }, /must be true or false/],
    ['a restricted user without a key', { INVOTIDE_RESTRICTED_USERNAME: 'R' }, /go together/],
    ['an alternate address that is no IP', { INVOTIDE_ALTERNATE_SOURCE_ADDRESS: 'localhost' }, /must be an IP address/],
    ['a fixtures file that does not exist', { INVOTIDE_FIXTURES: 'nope.json' }, /no file at/],
    ['the hardened reference store with a target of its own', { INVOTIDE_TARGET_URL: 'http://x/', INVOTIDE_API_KEY: 'k', INVOTIDE_REFERENCE_HARDENED: 'true' }, /means nothing with a target URL/],
    ['a login storm as maybe', { INVOTIDE_SECURITY_LOGIN_STORM: 'maybe' }, /must be true or false/],
  ];
  for (const [what, env, message] of bad) {
    it(`refuses ${what} with one clear sentence`, () => {
      assert.throws(() => loadConfig({ env, cwd: root }), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    });
  }

  it('sends the login storm and hardens the reference store only when asked', () => {
    const quiet = loadConfig({ env: {}, cwd: root });
    assert.equal(quiet.loginStorm, false);
    assert.equal(quiet.referenceHardened, false);
    const asked = loadConfig({ env: { INVOTIDE_SECURITY_LOGIN_STORM: '1', INVOTIDE_REFERENCE_HARDENED: 'true' }, cwd: root });
    assert.equal(asked.loginStorm, true);
    assert.equal(asked.referenceHardened, true);
  });

  it('names the line of a .env file it cannot read', () => {
    const d = dir();
    const pastedKey = 'k3yW1thNoName'.repeat(8);
    writeFileSync(path.join(d, 'bad.env'), `# comment\nINVOTIDE_API_KEY=abc\n${pastedKey}\n`);
    assert.throws(() => loadConfig({ env: {}, cwd: d, envFile: 'bad.env' }), (e: Error) => /bad\.env line 3 is not KEY=value/.test(e.message) && !e.message.includes('k3yW1th'));
  });

  it('names an unknown INVOTIDE_ key (a typo would otherwise be ignored)', () => {
    const d = dir();
    writeFileSync(path.join(d, '.env'), 'INVOTIDE_TARGETURL=http://x/\n');
    assert.throws(() => loadConfig({ env: {}, cwd: d }), /unknown key INVOTIDE_TARGETURL/);
  });

  it('says so when a named env file is missing', () => {
    assert.throws(() => loadConfig({ env: {}, cwd: root, envFile: 'missing.env' }), /--env-file: no file/);
  });

  it('refuses a parallelism outside 1..16', () => {
    assert.throws(() => loadConfig({ env: {}, cwd: root, parallel: 0 }), /--parallel must be/);
    assert.throws(() => loadConfig({ env: {}, cwd: root, parallel: Number('x') }), /--parallel must be/);
  });
});

describe('fixtures files and their schema (targets/fixtures.schema.json)', () => {
  const d = dir();
  const write = (name: string, data: unknown): string => {
    const file = path.join(d, name);
    writeFileSync(file, JSON.stringify(data));
    return file;
  };
  const refused = (message: RegExp) => (e: unknown) => e instanceof ConfigError && message.test(e.message);

  it('accepts every fixtures file in targets/, and what they merge to', () => {
    const files = readdirSync(path.join(root, 'targets')).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
    assert.ok(files.includes('provisioned.json'));
    for (const f of files) assertFixturesShape('merged', loadFixtures(path.join(root, 'targets', f)));
  });

  it('accepts a file that extends another and names only what differs', () => {
    const f = loadFixtures(write('valid.json', { $comment: 'a store of ours', name: 'ours', extends: path.join(root, 'targets/provisioned.json'), currencies: { other: { code: 'EUR', value: '0.85', sample: '1,00 €' } } }));
    assert.equal(f.name, 'ours');
  });

  it('names the file and the JSON path of a datum of the wrong type', () => {
    const file = write('wrong.json', { name: 'wrong', products: { simple: { product_id: 40, price_ex_tax: true } } });
    assert.throws(() => loadFixtures(file), refused(/wrong\.json does not fit targets\/fixtures\.schema\.json: products\.simple\.price_ex_tax: must be number,string/));
    const coupon = write('coupon.json', { name: 'c', coupons: { percent: { code: 'X', type: 'percent' } } });
    assert.throws(() => loadFixtures(coupon), refused(/coupons\.percent\.type: must be equal to one of the allowed values/));
  });

  it('names a section it does not know (a typo would otherwise be ignored)', () => {
    const file = write('typo.json', { name: 'typo', product: {} });
    assert.throws(() => loadFixtures(file), refused(/typo\.json does not fit .*: has no section "product"/));
  });

  it('names a misspelt key at any depth, with the nearest key it knows', () => {
    const file = write('cots.json', { name: 'cots', shipping_methods: { flat: { cots: '7.50' } } });
    assert.throws(() => loadFixtures(file), refused(/shipping_methods\.flat: has no key "cots"; did you mean "cost"\?/));
    const settings = write('setting-typo.json', { name: 's', settings: { config_stock_chekout: true } });
    assert.throws(() => loadFixtures(settings), refused(/settings: has no key "config_stock_chekout"; did you mean "config_stock_checkout"\?/));
  });

  it('says where a JSON syntax error is, by line and column', () => {
    const file = path.join(dir(), 'broken.json');
    writeFileSync(file, '{\n  "name": "broken",\n  "currencies": {\n    "default": { "code": "GBP", }\n  }\n}\n');
    assert.throws(() => loadFixtures(file), refused(/broken\.json is not valid JSON: .* at line 4, column \d+/));
  });

  it('extends a file of the suite by its name when none of that name is beside it (a user\'s own project)', () => {
    const f = loadFixtures(write('mine.json', { name: 'mine', extends: 'provisioned.json', vouchers: { minimum_amount: 5 } }));
    assert.equal(f.name, 'mine');
    assert.equal(f.vouchers && (f.vouchers as { minimum_amount: number }).minimum_amount, 5);
    assert.equal((f.currencies as { default: { code: string } }).default.code, 'USD');
  });

  it('checks a file that another extends', () => {
    const base = write('bad-base.json', { currencies: { default: { value: 'one' } } });
    assert.throws(() => loadFixtures(write('on-bad.json', { name: 'x', extends: base })), refused(/bad-base\.json does not fit .*: currencies\.default\.value: must match pattern/));
  });

  // The CLI ends a run with a ConfigError as a configuration error (exit 2), as test/fixture-check.test.ts shows; the run
  // starts the embedded store before it loads the fixtures, so a CLI run here would cost seconds for nothing new.
  it('is not part of the API contract', () => {
    assert.ok(!readFileSync(path.join(root, 'openapi.yaml'), 'utf8').includes(path.basename(FIXTURES_SCHEMA)));
  });
});
