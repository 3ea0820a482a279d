import { UserError } from '../core/errors.js';

/** A usage or configuration error: printed without a stack, exit code 2. */
export class UsageError extends UserError {}
