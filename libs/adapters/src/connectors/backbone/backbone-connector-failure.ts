import { LoraClientError, LoraLookupError } from '#lora';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';

/** What a lookup's "not found" becomes: the model's BPMN error when it names one, else an incident. */
export interface BackboneFailureMapping {
  notFoundErrorCode?: string | undefined;
}

/**
 * A backbone failure as the connector contract classifies it, on either backbone: a lookup that found nothing or
 * more than one (`LoraLookupError`, which both backbones throw) is permanent, and "not found" becomes the model's
 * BPMN error when it names one; LoRA's 429/5xx are retryable, its 404 and 410 "not found", anything else permanent
 * with LoRA's message (which names fields, not values). The KOMBIT services classify their own failures
 * (`RetryableConnectorError` / `PermanentConnectorError`), which pass on as they are, like any other error (the
 * contract retries those).
 */
export function connectorFailureOf(error: unknown, mapping: BackboneFailureMapping = {}): unknown {
  const code = mapping.notFoundErrorCode;
  if (error instanceof LoraLookupError) {
    return new PermanentConnectorError(
      `Backbone: ${error.message}`,
      error.code === 'NOT_FOUND' && code !== undefined ? { bpmnErrorCode: code } : {},
    );
  }
  if (error instanceof LoraClientError) {
    const message = `LoRA answered ${error.method} ${error.pathTemplate} with ${error.status}`;
    if (error.retryable) return new RetryableConnectorError(message);
    const notFound = error.kind === 'not-found' || error.kind === 'deleted';
    return new PermanentConnectorError(`${message}: ${error.loraMessage}`, {
      ...(notFound && code !== undefined ? { bpmnErrorCode: code } : {}),
      details: { status: error.status },
    });
  }
  return error;
}

/** Runs a backbone operation, classifying its failure ({@link connectorFailureOf}). */
export async function callBackbone<T>(
  operation: () => Promise<T>,
  mapping: BackboneFailureMapping = {},
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw connectorFailureOf(error, mapping);
  }
}
