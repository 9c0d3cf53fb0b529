import { parseArn } from '../../core/index.ts';

/**
 * AWS managed policies (`arn:aws:iam::aws:policy/PATH/NAME`) as read-only data, read lazily in
 * two steps: the index (every policy's metadata and where its document sits), read at the first
 * lookup or listing; and the documents, compressed in chunks of about 64 KiB of text, a chunk
 * inflated the first time one of its documents is wanted. Listing policies or resolving an ARN
 * never touches a document, and reading one document costs one small chunk, not 5 MB of text.
 */

/** `[name, path, defaultVersionId, createDate, updateDate, policyId, chunk, start, length]`. */
export type IndexEntry = readonly [string, string, string, string, string, string, number, number, number];

/** Where the catalog's parts come from (the shipped files, or a test's data). */
export interface CatalogSource {
  index(): readonly IndexEntry[];
  /** The text of documents chunk `n` (the concatenated documents of that chunk). */
  chunk(n: number): string;
}

export interface AwsManagedPolicyInfo {
  readonly policyName: string;
  readonly path: string;
  readonly policyId: string;
  readonly defaultVersionId: string;
  readonly createDate: Date;
  readonly updateDate: Date;
  /** `policy/PATH/NAME`: the ARN without its partition, which is the caller's. */
  readonly resource: string;
}

export interface AwsManagedPolicy extends AwsManagedPolicyInfo {
  /** The ARN in the partition it was asked for. */
  readonly arn: string;
  /** The default version's document, as IAM returns it (the only version the catalog holds). */
  readonly document: string;
}

export interface AwsManagedCatalog {
  /** The policy an AWS managed ARN names, in any partition; undefined for any other ARN. */
  find(arn: string): AwsManagedPolicyInfo | undefined;
  /** Every policy, ordered by name. */
  all(): readonly AwsManagedPolicyInfo[];
  document(policy: AwsManagedPolicyInfo): string;
  /** What has been read so far (the lazy loading is observable, and tested). */
  loaded(): { readonly index: boolean; readonly chunks: number };
}

/** The ARN of an AWS managed policy in a partition. */
export const awsManagedArn = (partition: string, policy: Pick<AwsManagedPolicyInfo, 'resource'>): string =>
  `arn:${partition}:iam::aws:${policy.resource}`;

/** `policy/PATH/NAME` when `arn` has the shape of an AWS managed policy ARN. */
export function awsManagedResource(arn: string): string | undefined {
  const parsed = parseArn(arn);
  if (parsed === undefined || parsed.service !== 'iam' || parsed.region !== '' || parsed.account !== 'aws') {
    return undefined;
  }
  return parsed.resource.startsWith('policy/') ? parsed.resource : undefined;
}

interface Loaded {
  readonly list: readonly AwsManagedPolicyInfo[];
  readonly byResource: ReadonlyMap<string, AwsManagedPolicyInfo>;
  readonly spans: WeakMap<AwsManagedPolicyInfo, Span>;
}

/** Chunk number, start and end of a document in that chunk's text. */
type Span = readonly [number, number, number];

function load(entries: readonly IndexEntry[]): Loaded {
  const spans = new WeakMap<AwsManagedPolicyInfo, Span>();
  const list = entries.map(
    ([policyName, path, defaultVersionId, created, updated, policyId, chunk, start, length]) => {
      const info: AwsManagedPolicyInfo = {
        policyName,
        path,
        policyId,
        defaultVersionId,
        createDate: new Date(created),
        updateDate: new Date(updated),
        resource: `policy${path}${policyName}`,
      };
      spans.set(info, [chunk, start, start + length]);
      return info;
    },
  );
  return { list, byResource: new Map(list.map((p) => [p.resource, p])), spans };
}

export function createAwsManagedCatalog(source: CatalogSource): AwsManagedCatalog {
  let index: Loaded | undefined;
  const chunks = new Map<number, string>();
  const loadedIndex = (): Loaded => (index ??= load(source.index()));
  return {
    find(arn) {
      const resource = awsManagedResource(arn);
      return resource === undefined ? undefined : loadedIndex().byResource.get(resource);
    },
    all: () => loadedIndex().list,
    document(policy) {
      const span = loadedIndex().spans.get(policy);
      if (span === undefined) throw new Error(`not a catalog policy: ${policy.resource}`);
      const [n, start, end] = span;
      let text = chunks.get(n);
      if (text === undefined) {
        text = source.chunk(n);
        chunks.set(n, text);
      }
      return text.slice(start, end);
    },
    loaded: () => ({ index: index !== undefined, chunks: chunks.size }),
  };
}
