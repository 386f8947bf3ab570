/**
 * A request LoRA refuses, answered with LoRA's own error body `{"message": …}` (plus `context` when there is more
 * to say) and its status: 400 for a bad request, 404 for an unknown object, 410 for a deleted one, 412 when a
 * conditional write finds a newer registration.
 */
export class LoraRequestError extends Error {
  constructor(
    message: string,
    readonly status: number = 400,
    readonly context?: unknown,
  ) {
    super(message);
    this.name = 'LoraRequestError';
  }

  toBody(): { message: string; context?: unknown } {
    return this.context === undefined
      ? { message: this.message }
      : { message: this.message, context: this.context };
  }
}
