// The permission answer. Every route checks `api_id` in the session; some answer the message as a string, others
// inside an object, exactly as their controllers were written.
import type { Registry } from '../context';
import { permissionMessage } from '../language';

// Stryker disable next-line ConditionalExpression: equivalent — api_id is either absent or the integer api/login stored, never null
export const hasApiSession = (r: Registry): boolean => r.session.data.api_id !== undefined && r.session.data.api_id !== null;

/** `{"error": PERM}`, PERM in the request's language. */
export const permissionString = {
  get error(): string {
    return permissionMessage();
  },
};
/** `{"error": {"warning": PERM}}` */
export const permissionObject = {
  get error(): { warning: string } {
    return { warning: permissionMessage() };
  },
};
