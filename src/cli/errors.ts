import { UserError } from '../core/errors.js';

/** A usage or configuration error: printed without a stack, exit code 2. */
export class UsageError extends UserError {}

/** The exit code of a command stopped by SIGINT/SIGTERM before it finished. */
export const EXIT_INTERRUPTED = 130;
