/** AWS's Query error body: `<ErrorResponse xmlns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
import { serviceModel, type ServiceName } from './model.ts';
import { escapeText } from './xml.ts';

export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly type: 'Sender' | 'Receiver';
}

export function renderError(service: ServiceName, error: WireError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${serviceModel(service).xmlNamespace}">` +
    `<Error><Type>${error.type}</Type><Code>${escapeText(error.code)}</Code>` +
    // AWS sends some errors without a message (IAM's Report* errors): no element then.
    (error.message === '' ? '' : `<Message>${escapeText(error.message)}</Message>`) +
    `</Error>` +
    `<RequestId>${escapeText(requestId)}</RequestId></ErrorResponse>`
  );
}
