import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor, REDACTED } from '../src/redact';

describe('redaction', () => {
  const key = 'k'.repeat(40);
  const token = '0123456789abcdef0123456789';
  const r = new Redactor([key]);

  it('blanks a key wherever it appears', () => {
    assert.equal(r.redact(`username=Default&key=${key}`), `username=Default&key=${REDACTED}`);
  });

  it('blanks tokens in URLs, login answers and cookies without knowing them', () => {
    assert.equal(r.redact(`index.php?route=api/cart/add&api_token=${token}&x=1`), `index.php?route=api/cart/add&api_token=${REDACTED}&x=1`);
    assert.equal(r.redact(`{"success":"ok","api_token":"${token}"}`), `{"success":"ok","api_token":"${REDACTED}"}`);
    assert.equal(r.redact(`{"api_token": "${token}"}`), `{"api_token": "${REDACTED}"}`);
    assert.equal(r.redact(`Set-Cookie: OCSESSID=${token}; path=/`), `Set-Cookie: OCSESSID=${REDACTED}; path=/`);
  });

  it('keeps JSON text valid: a token inside a JSON string is blanked up to its escaped quote', () => {
    const json = JSON.stringify({ message: `GET index.php?api_token=${token}", then Cookie: OCSESSID=${token}"` , answer: `{"api_token":"${token}"}` });
    const redacted = r.redact(json);
    assert.doesNotThrow(() => JSON.parse(redacted), redacted);
    assert.ok(!redacted.includes(token), redacted);
  });

  it('leaves short values alone, so ordinary words are not blanked', () => {
    const short = new Redactor(['abc']);
    assert.equal(short.redact('abc def'), 'abc def');
  });
});
