/** How the evaluator reaches process variables. */

/** Looks up a top-level identifier. Return { found: false } when the variable does not exist. */
export type JuelResolver = (name: string) => { found: true; value: unknown } | { found: false };
