// The store settings (`in_setting`), read once per request like OpenCart's startup does.
import type { Db } from './db/database';

export class Config {
  private constructor(private readonly values: Map<string, string | string[]>) {}

  static load(db: Db): Config {
    const values = new Map<string, string | string[]>();
    for (const row of db.all<{ key: string; value: string; serialized: number }>('SELECT key, value, serialized FROM in_setting WHERE store_id = 0')) {
      values.set(row.key, row.serialized ? (JSON.parse(row.value) as string[]) : row.value);
    }
    return new Config(values);
  }

  /** A plain setting as its string, undefined when not set (PHP's `$this->config->get()` returns null). */
  get(key: string): string | undefined {
    const value = this.values.get(key);
    return typeof value === 'string' ? value : undefined;
  }

  /** A serialized list setting such as config_processing_status. */
  list(key: string): string[] {
    const value = this.values.get(key);
    return Array.isArray(value) ? value : [];
  }

  /** PHP truthiness of a setting (`if ($this->config->get('config_tax'))`). */
  flag(key: string): boolean {
    const value = this.get(key);
    return value !== undefined && value !== '' && value !== '0';
  }

  number(key: string): number {
    return Number(this.get(key) ?? 0) || 0;
  }
}

/** The values OpenCart defines as constants rather than settings. */
export const STORE_ID = 0;
export const LANGUAGE_ID = 1;
export const LANGUAGE_CODE = 'en-gb';
