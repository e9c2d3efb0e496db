// Secrets never reach a report: API keys by value, every api_token by shape wherever it stands.

const TOKEN_PATTERNS: RegExp[] = [
  // A backslash ends a token too: in JSON text (report.json) `\"` follows it, and must survive the blanking.
  /(api_token=)[^&\s"'<\\]+/g, // in a URL or form body
  // A value that starts with '<' is a placeholder of the exchange record (`<session#1>`, src/exchanges/), never a token.
  /("api_token"\s*:\s*")(?!<)[^"\\]+/g, // in a login answer
  /(\\"api_token\\"\s*:\s*\\")(?!<)[^"\\]+/g, // in a login answer quoted inside JSON text
  /(OCSESSID=)(?!<)[^;\s"&\\]+/g, // the storefront session cookie
];
export const REDACTED = '[REDACTED]';

export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: Array<string | undefined> = []) {
    secrets.forEach((s) => this.add(s));
  }

  /** Remembers a secret value (a key, a token) to blank wherever it appears. */
  add(secret: string | undefined): void {
    // Short values would blank innocent text; real keys and tokens are long.
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const p of TOKEN_PATTERNS) out = out.replace(p, `$1${REDACTED}`);
    for (const s of this.secrets) out = out.split(s).join(REDACTED);
    return out;
  }
}
