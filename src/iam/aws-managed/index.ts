import { readFileSync } from 'node:fs';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import {
  awsManagedArn,
  createAwsManagedCatalog,
  type AwsManagedCatalog,
  type AwsManagedPolicy,
  type CatalogSource,
  type IndexEntry,
} from './catalog.ts';

export {
  awsManagedArn,
  awsManagedResource,
  createAwsManagedCatalog,
  type AwsManagedCatalog,
  type AwsManagedPolicy,
  type AwsManagedPolicyInfo,
  type CatalogSource,
  type IndexEntry,
} from './catalog.ts';

/** Reads the catalog's files in `dir`, each file at most once and only when first needed. */
export function fileSource(dir: URL): CatalogSource {
  let documents:
    { readonly bytes: Buffer; readonly ranges: readonly (readonly [number, number])[] } | undefined;
  const read = (name: string): Buffer => readFileSync(new URL(name, dir));
  return {
    index: () => JSON.parse(gunzipSync(read('index.json.gz')).toString('utf8')) as IndexEntry[],
    chunk(n) {
      documents ??= {
        bytes: read('documents.bin'),
        ranges: JSON.parse(read('chunks.json').toString('utf8')) as [number, number][],
      };
      const range = documents.ranges[n];
      if (range === undefined) throw new Error(`no documents chunk ${n}`);
      return inflateRawSync(documents.bytes.subarray(range[0], range[0] + range[1])).toString('utf8');
    },
  };
}

/** The files shipped beside this module (see README.md for where they come from). */
export const shippedSource: CatalogSource = fileSource(new URL('./data/', import.meta.url));

/**
 * The one catalog of the shipped data. Module-level on purpose: it is read-only data, read at
 * most once per process and only when first needed, so every request and the authorizer share it.
 */
export const AWS_MANAGED: AwsManagedCatalog = createAwsManagedCatalog(shippedSource);

/**
 * The AWS managed policy an ARN names (`arn:PARTITION:iam::aws:policy/PATH/NAME`), with its
 * default version's document; undefined when the ARN names no policy of the catalog.
 */
export function awsManagedPolicy(
  arn: string,
  catalog: AwsManagedCatalog = AWS_MANAGED,
): AwsManagedPolicy | undefined {
  const info = catalog.find(arn);
  if (info === undefined) return undefined;
  const partition = arn.split(':')[1] ?? 'aws';
  return { ...info, arn: awsManagedArn(partition, info), document: catalog.document(info) };
}
