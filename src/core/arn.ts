/** ARN parsing and formatting (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE). */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon, e.g. `user/eng/bob`. */
  readonly resource: string;
}

/** Returns undefined for anything that is not six colon-separated fields starting with `arn`. */
export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  if (partition === '' || service === '') return undefined;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}

/** `arn:aws:iam::123456789012:user/eng/bob` for path `/eng/` and name `bob`. */
export function iamArn(partition: string, account: string, type: string, path: string, name: string): string {
  return formatArn({ partition, service: 'iam', region: '', account, resource: `${type}${path}${name}` });
}

/** The partition a signing region belongs to (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, ...). */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}
