/**
 * The closed set of AWS error codes Warden answers with, and their HTTP status and fault type.
 * A new code without an entry here does not compile (the Record is total).
 */
export type ErrorCode =
  // IAM modeled errors
  | 'NoSuchEntity'
  | 'EntityAlreadyExists'
  | 'LimitExceeded'
  | 'DeleteConflict'
  | 'MalformedPolicyDocument'
  | 'InvalidInput'
  | 'ConcurrentModification'
  | 'EntityTemporarilyUnmodifiable'
  | 'UnmodifiableEntity'
  | 'PolicyNotAttachable'
  | 'PasswordPolicyViolation'
  | 'InvalidUserType'
  | 'InvalidAuthenticationCode'
  | 'ReportInProgress'
  | 'ReportNotPresent'
  | 'ReportExpired'
  | 'PolicyEvaluation'
  | 'ServiceFailure'
  // STS modeled errors
  | 'PackedPolicyTooLarge'
  | 'RegionDisabledException'
  | 'ExpiredTokenException'
  | 'IDPRejectedClaim'
  | 'InvalidIdentityToken'
  | 'InvalidAuthorizationMessageException'
  // common Query-protocol errors
  | 'AccessDenied'
  | 'InvalidClientTokenId'
  | 'SignatureDoesNotMatch'
  | 'ExpiredToken'
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'ValidationError'
  | 'InvalidAction'
  | 'MissingAction'
  | 'MissingParameter'
  | 'InvalidParameterValue'
  | 'MalformedQueryString'
  | 'RequestEntityTooLarge'
  | 'Throttling'
  // Warden's admin API (JSON): no such operation
  | 'UnknownOperationException'
  | 'InternalFailure'
  | 'ServiceUnavailable';

export interface ErrorShape {
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';
}

const sender = (status: number): ErrorShape => ({ status, type: 'Sender' });
const receiver = (status: number): ErrorShape => ({ status, type: 'Receiver' });

export const ERROR_SHAPES: Record<ErrorCode, ErrorShape> = {
  NoSuchEntity: sender(404),
  EntityAlreadyExists: sender(409),
  LimitExceeded: sender(409),
  DeleteConflict: sender(409),
  MalformedPolicyDocument: sender(400),
  InvalidInput: sender(400),
  ConcurrentModification: sender(409),
  EntityTemporarilyUnmodifiable: sender(409),
  UnmodifiableEntity: sender(400),
  PolicyNotAttachable: sender(400),
  PasswordPolicyViolation: sender(400),
  InvalidUserType: sender(400),
  InvalidAuthenticationCode: sender(403),
  ReportInProgress: sender(404),
  ReportNotPresent: sender(410),
  ReportExpired: sender(410),
  PolicyEvaluation: receiver(500),
  ServiceFailure: receiver(500),
  PackedPolicyTooLarge: sender(400),
  RegionDisabledException: sender(403),
  ExpiredTokenException: sender(400),
  IDPRejectedClaim: sender(403),
  InvalidIdentityToken: sender(400),
  InvalidAuthorizationMessageException: sender(400),
  AccessDenied: sender(403),
  InvalidClientTokenId: sender(403),
  SignatureDoesNotMatch: sender(403),
  ExpiredToken: sender(403),
  MissingAuthenticationToken: sender(403),
  IncompleteSignature: sender(400),
  ValidationError: sender(400),
  InvalidAction: sender(400),
  MissingAction: sender(400),
  MissingParameter: sender(400),
  InvalidParameterValue: sender(400),
  MalformedQueryString: sender(404),
  RequestEntityTooLarge: sender(413),
  Throttling: sender(400),
  UnknownOperationException: sender(404),
  InternalFailure: receiver(500),
  ServiceUnavailable: receiver(503),
};

/** The one error type operations throw; the edge renders it as AWS's XML error. */
export class WardenError extends Error {
  override readonly name = 'WardenError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_SHAPES[this.code].status;
  }

  get type(): 'Sender' | 'Receiver' {
    return ERROR_SHAPES[this.code].type;
  }
}

export const isWardenError = (e: unknown): e is WardenError => e instanceof WardenError;
