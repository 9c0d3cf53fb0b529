/**
 * Query-protocol parameters (`Tags.member.1.Key=k`) as a tree split on `.`, so that decoding can walk
 * it alongside the model's shapes. Keys are case-sensitive, as AWS's are.
 */
export interface FormNode {
  /** The value sent for exactly this key (`Tags=` gives ''), if any. */
  value?: string;
  readonly children: Map<string, FormNode>;
}

const newNode = (): FormNode => ({ children: new Map() });

/**
 * Builds the tree; a key sent twice keeps its first value. Keys whose first segment `wanted`
 * refuses (not a member of the input) are skipped at once: they are ignored anyway, and a body of
 * junk keys then costs no memory.
 */
export function buildFormTree(
  params: URLSearchParams,
  wanted: (name: string) => boolean = () => true,
): FormNode {
  const root = newNode();
  for (const [key, value] of params) {
    const dot = key.indexOf('.');
    if (!wanted(dot < 0 ? key : key.slice(0, dot))) continue;
    let node = root;
    for (const segment of key.split('.')) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    node.value ??= value;
  }
  return root;
}

const INDEX = /^[1-9][0-9]{0,8}$/;

/**
 * The children of a `member`/`entry` node in numeric index order. Clients number from 1 and
 * contiguously, but arrival order is not guaranteed, and gaps are closed rather than refused.
 */
export function indexedChildren(node: FormNode | undefined): FormNode[] {
  if (node === undefined) return [];
  return [...node.children]
    .filter(([index]) => INDEX.test(index))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, child]) => child);
}
