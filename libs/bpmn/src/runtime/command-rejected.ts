/**
 * A command that cannot apply to the instance as it is (unknown task, instance already ended, …). Nothing changed;
 * the runtime answers the caller with a 4xx carrying this message.
 */
export class CommandRejectedError extends Error {
  constructor(
    readonly reason: 'not-found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'CommandRejectedError';
  }
}
