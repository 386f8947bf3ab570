import { bodyObjectOf, invalidRequest, textField } from '#camunda-rest';

/** What a delivery receipt can say about a letter. */
export const RECEIPT_STATUSES = ['delivered', 'failed'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/**
 * A Digital Post delivery receipt, as a relay posts it: the status Digital Post reported for the MeMo message with
 * `messageUuid` (the Beskedfordeler subscriber for SF1601's receipts, or whatever receives SF1601's status).
 */
export interface DigitalPostReceipt {
  messageUuid: string;
  status: ReceiptStatus;
  /** When Digital Post recorded the status (ISO 8601). */
  statusTime?: string;
  /** Why delivery failed, as Digital Post said it (e.g. the recipient is exempt). Kept in the variable, never logged. */
  reason?: string;
  tenantId?: string;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Reads the body of `POST /engine-rest/digital-post/receipt`; a missing or malformed field is a 400 naming it. */
export function digitalPostReceiptOf(body: unknown): DigitalPostReceipt {
  const fields = bodyObjectOf(body);
  const messageUuid = textField(fields.messageUuid, 'messageUuid');
  if (messageUuid === undefined || !UUID.test(messageUuid)) {
    throw invalidRequest(
      "Expected 'messageUuid' to be the letter's MeMo messageUUID (a UUID, the digital-post connector's output 'messageUuid')",
    );
  }
  const status = textField(fields.status, 'status');
  if (status === undefined || !(RECEIPT_STATUSES as readonly string[]).includes(status)) {
    throw invalidRequest(
      `Expected 'status' to be one of ${RECEIPT_STATUSES.map((s) => `'${s}'`).join(', ')}`,
    );
  }
  const statusTime = textField(fields.statusTime, 'statusTime');
  if (statusTime !== undefined && Number.isNaN(Date.parse(statusTime))) {
    throw invalidRequest("Expected 'statusTime' to be an ISO 8601 date and time, e.g. 2025-03-01T10:00:00Z");
  }
  const reason = textField(fields.reason, 'reason');
  const tenantId = textField(fields.tenantId, 'tenantId');
  return {
    messageUuid: messageUuid.toLowerCase(),
    status: status as ReceiptStatus,
    ...(statusTime !== undefined ? { statusTime } : {}),
    ...(reason !== undefined ? { reason } : {}),
    ...(tenantId !== undefined ? { tenantId } : {}),
  };
}
