// The permission answer. Every route checks `api_id` in the session; some answer the message as a string, others
// inside an object, exactly as their controllers were written.
import type { Registry } from '../context';
import { PERMISSION } from '../language';

// Stryker disable next-line ConditionalExpression: equivalent — api_id is either absent or the integer api/login stored, never null
export const hasApiSession = (r: Registry): boolean => r.session.data.api_id !== undefined && r.session.data.api_id !== null;

/** `{"error": PERM}` */
export const permissionString = { error: PERMISSION } as const;
/** `{"error": {"warning": PERM}}` */
export const permissionObject = { error: { warning: PERMISSION } } as const;
