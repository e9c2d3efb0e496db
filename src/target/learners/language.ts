// The store's language, told by its messages: the fixture check asks for a few messages that change nothing on the
// store (a login, a request without a token, an unknown currency, coupon and gift voucher code, an empty customer, the
// payment methods before an address) and holds each against en-gb's text and, when the fixtures name the store's
// language files, against theirs. catalog/language/<code>/api/*.php (and Design > Language Editor rows,
// catalog/controller/event/translation.php) give the texts; src/target/language.ts reads the files.
// - Every message en-gb's and no files named: the store speaks OpenCart's English, learned.
// - Files named: every message must be theirs (a key a file lacks stays English, as in OpenCart); one that is not is a
//   configuration error naming both texts, since the message scenarios would fail on it.
// - Half the messages or more not en-gb's and no files named: the store answers in another language; learned, and the
//   message scenarios are then not applicable, saying so (src/api/messages.ts).
// - Fewer: an English store with some texts changed (a theme, Design > Language Editor). That is not learned as a
//   language: learning must not turn a changed answer into configuration, so the message scenarios judge those texts.
import type { ApiResponse, Form } from '../../client';
import { MESSAGE_SPECS, messageTemplate, type MessageName } from '../../api/messages';
import type { LanguageFinding } from '../profile';

/** A message the check asks for: the request, and where the answer has it. */
interface MessageProbe {
  name: MessageName;
  route: string;
  form?: Form;
  /** Sent without a token (the permission error). */
  stranger?: boolean;
  /** The message in the answer. */
  read: (json: unknown) => unknown;
}

const error = (json: unknown): unknown => (json as { error?: unknown } | undefined)?.error;
const errorKey = (key: string) => (json: unknown): unknown => (error(json) as Record<string, unknown> | undefined)?.[key];

export const MESSAGE_PROBES: MessageProbe[] = [
  { name: 'permission', route: 'api/currency', form: { currency: 'USD' }, stranger: true, read: error },
  { name: 'permission', route: 'api/cart/products', stranger: true, read: errorKey('warning') },
  { name: 'currencyInvalid', route: 'api/currency', form: { currency: 'IVT' }, read: error },
  { name: 'couponInvalid', route: 'api/coupon', form: { coupon: 'IVT-NO-SUCH-COUPON' }, read: error },
  { name: 'voucherInvalid', route: 'api/voucher', form: { voucher: 'IVT-NO-SUCH-VOUCHER' }, read: error },
  { name: 'firstname', route: 'api/customer', form: {}, read: errorKey('firstname') },
  { name: 'telephone', route: 'api/customer', form: {}, read: errorKey('telephone') },
  { name: 'paymentAddressRequired', route: 'api/payment/methods', read: error },
];

/** A session of the check: logged in (its login's answer kept), or a stranger's without a token. */
export interface LanguageProbe {
  loginAnswer?: ApiResponse;
  send(route: string, form?: Form): Promise<ApiResponse | undefined>;
}

/** One message as the store said it. */
export interface MessageHeard {
  name: MessageName;
  route: string;
  text: string;
}

/** The messages of the probes, as the store answers them (a probe without a well-formed answer is left out). */
export async function hearMessages(session: () => Promise<LanguageProbe>, stranger: () => LanguageProbe): Promise<MessageHeard[]> {
  const heard: MessageHeard[] = [];
  const s = await session();
  const login = (s.loginAnswer?.json as { success?: unknown } | undefined)?.success;
  if (typeof login === 'string') heard.push({ name: 'loginSuccess', route: 'api/login', text: login });
  for (const probe of MESSAGE_PROBES) {
    const r = await (probe.stranger ? stranger() : s).send(probe.route, probe.form);
    const text = r ? probe.read(r.json) : undefined;
    if (typeof text === 'string') heard.push({ name: probe.name, route: probe.route, text });
  }
  return heard;
}

/** What the messages tell of the language: learned English or not, and the messages that contradict the files. */
export function judgeLanguage(finding: LanguageFinding, heard: MessageHeard[]): { english: boolean; evidence: string; contradictions: string[] } {
  const notEnglish = heard.filter((h) => h.text !== MESSAGE_SPECS[h.name].en);
  const first = notEnglish[0];
  const evidence = first
    ? `${first.route} says "${first.text}" where en-gb says "${MESSAGE_SPECS[first.name].en}"${notEnglish.length > 1 ? `, and ${notEnglish.length - 1} other message(s) are not en-gb's` : ''}`
    : `${heard.length} messages are en-gb's (${[...new Set(heard.map((h) => h.route))].join(', ')})`;
  const contradictions: string[] = [];
  if (finding.texts) {
    for (const h of heard) {
      let expected: string;
      try {
        expected = messageTemplate(h.name, h.route, finding);
      } catch {
        continue; // the files lack this message's file: its scenarios are not applicable
      }
      if (h.text !== expected) contradictions.push(`${h.route} says "${h.text}", ${finding.textsFrom} gives "${expected}"`);
    }
  }
  return { english: notEnglish.length * 2 < heard.length, evidence, contradictions };
}
