import { accessAdvisorContract } from './access-advisor.ts';
import { accessKeysContract } from './access-keys.ts';
import { accountContract } from './account.ts';
import { attachmentsContract } from './attachments.ts';
import { authorizationFactsContract } from './authorization-facts.ts';
import { authzEpochContract } from './authz-epoch.ts';
import { credentialReportContract } from './credential-report.ts';
import type { StoreFixtureFactory } from './fixture.ts';
import { groupsContract } from './groups.ts';
import { inlinePoliciesContract } from './inline-policies.ts';
import { loginProfilesContract } from './login-profiles.ts';
import { paginationContract } from './pagination.ts';
import { passwordsMfaContract } from './passwords-mfa.ts';
import { policiesContract } from './policies.ts';
import { policyPaginationContract } from './policy-pagination.ts';
import { rolesContract } from './roles.ts';
import { signInContract } from './sign-in.ts';
import { sessionsContract } from './sessions.ts';
import { transactionsContract } from './transactions.ts';
import { usersContract } from './users.ts';
import { workloadsContract } from './workloads.ts';

export type { StoreFixture, StoreFixtureFactory } from './fixture.ts';

/**
 * The store contract: every adapter's test calls this with a factory of fresh databases, so
 * SQLite and (later) PostgreSQL are held to exactly the same behaviour.
 */
export function storeContract(factory: StoreFixtureFactory): void {
  accountContract(factory);
  usersContract(factory);
  paginationContract(factory);
  groupsContract(factory);
  accessKeysContract(factory);
  loginProfilesContract(factory);
  policiesContract(factory);
  attachmentsContract(factory);
  policyPaginationContract(factory);
  inlinePoliciesContract(factory);
  authorizationFactsContract(factory);
  rolesContract(factory);
  sessionsContract(factory);
  authzEpochContract(factory);
  passwordsMfaContract(factory);
  signInContract(factory);
  credentialReportContract(factory);
  transactionsContract(factory);
  accessAdvisorContract(factory);
  workloadsContract(factory);
}
