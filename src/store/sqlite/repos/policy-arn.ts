/**
 * The name and path of a managed policy, read from its ARN (`arn:aws:iam::ACCOUNT:policy/PATH/NAME`,
 * the same shape for AWS managed ones). Lenient: a malformed ARN still yields some name and `/`.
 */
export function policyArnParts(arn: string): { name: string; path: string } {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.lastIndexOf('/');
  if (slash < 0) return { name: resource, path: '/' };
  const first = resource.indexOf('/');
  return { name: resource.slice(slash + 1), path: resource.slice(first, slash + 1) };
}
