/** An error caused by the user's input (bad flag, missing file, unknown id): printed without a stack, exit code 2. */
export class UserError extends Error {}
