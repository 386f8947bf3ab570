import type { SoapFault } from '../soap/soap-envelope.js';
import { childElement, childElements, childText } from '../xml/safe-xml.js';

/** One error of a ServiceplatformFault's ErrorList. */
export interface ServiceplatformenError {
  readonly code: string;
  readonly text: string;
}

/**
 * The errors in a fault's `ServiceplatformFault` detail (Serviceplatformen's own fault element, with an ErrorList of
 * ErrorCode and ErrorText); none when the fault has no such detail.
 */
export function serviceplatformenErrorsOf(fault: SoapFault): ServiceplatformenError[] {
  const errorList = childElement(childElement(fault.detail, 'ServiceplatformFault'), 'ErrorList');
  return childElements(errorList, 'Error').map((error) => ({
    code: childText(error, 'ErrorCode') ?? '',
    text: childText(error, 'ErrorText') ?? '',
  }));
}
