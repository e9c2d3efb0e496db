// api/reward (use points), api/reward/maximum, api/reward/available.
import type { Registry } from '../context';
import { messages } from '../language';
import { compare, isArray, isEmpty, phpKey, sprintf, toNumber, type Jsonable } from '../php';
import { field } from '../request';
import { hasApiSession, permissionString } from './permission';

const pointsTotal = (r: Registry): number => r.cart.getProducts().reduce((sum, p) => (p.points ? sum + p.points : sum), 0);

export function reward(r: Registry): Jsonable {
  delete r.session.data.reward;
  if (!hasApiSession(r)) return permissionString;
  const points = r.customer.getRewardPoints();
  const total = pointsTotal(r);
  // A list (`reward[]=…`) is posted as it is: PHP's empty() says it is not empty and `>` finds it greater than any
  // number, so its answer is the maximum's message (found by the behaviour diff against a real 3.0.5.0).
  const raw = r.request.post.get(phpKey('reward'));
  const posted = isArray(raw) ? raw : field(r.request.post, 'reward');
  // Each failing check overwrites the message of the one before (PHP loose comparisons: a guest has null points).
  let error: string | undefined;
  if (isEmpty(posted)) error = messages.reward.errorReward;
  // Stryker disable next-line StringLiteral: equivalent — a missing amount is never more than the points (compare(undefined, …) <= 0)
  if (compare(posted, points) > 0) error = sprintf(messages.reward.errorPoints, isArray(posted) ? 'Array' : posted ?? '');
  if (compare(posted, total) > 0) error = sprintf(messages.reward.errorMaximum, total);
  if (error) return { error };
  r.session.data.reward = Math.abs(toNumber(isArray(posted) ? undefined : posted));
  return { success: messages.reward.success };
}

export function maximum(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionString;
  return { maximum: pointsTotal(r) };
}

export function available(r: Registry): Jsonable {
  if (!hasApiSession(r)) return permissionString;
  return { points: r.customer.getRewardPoints() };
}
