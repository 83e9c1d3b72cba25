import type { CoreError } from '../../core/contract/errors.js';
import type { OrderEditArgs } from '../../core/contract/orders.js';

/** What the drawer hands its edit forms: apply changes (with a reason for amounts), answer an error or null. */
export type EditOrder = (changes: OrderEditArgs['changes'], reason?: string) => Promise<CoreError | null>;
