/**
 * IAM checks entity names and paths itself, after the model's generic checks, and words a failed
 * pattern its own way (seen from real IAM: `ValidationError: The specified value for userName is
 * invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`). A length
 * violation still gets the generic `1 validation error detected: ...` text. Quirks are data: one
 * table, keyed by the model's shape name.
 */
import type { ServiceName } from './model.ts';

type Message = (memberPath: string) => string;

const nameMessage: Message = (p) =>
  `The specified value for ${p} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`;
const pathMessage: Message = (p) =>
  `The specified value for ${p} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`;

const IAM: Readonly<Record<string, Message>> = {
  userNameType: nameMessage,
  existingUserNameType: nameMessage,
  groupNameType: nameMessage,
  roleNameType: nameMessage,
  policyNameType: nameMessage,
  instanceProfileNameType: nameMessage,
  pathType: pathMessage,
};

/** The service's own wording for a pattern failure of this shape, if it has one. */
export function ownPatternMessage(service: ServiceName, shapeName: string): Message | undefined {
  return service === 'iam' ? IAM[shapeName] : undefined;
}
