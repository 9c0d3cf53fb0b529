/**
 * Every IAM action, one line each. The registry is built from this list and nothing else, so
 * adding an action is adding its file and its line here.
 */
export { CreateUser } from './create-user.ts';
export { GetUser } from './get-user.ts';
export { ListUsers } from './list-users.ts';
export { UpdateUser } from './update-user.ts';
export { DeleteUser } from './delete-user.ts';
export { TagUser } from './tag-user.ts';
export { UntagUser } from './untag-user.ts';
export { ListUserTags } from './list-user-tags.ts';
export { CreateGroup } from './create-group.ts';
export { GetGroup } from './get-group.ts';
export { ListGroups } from './list-groups.ts';
export { UpdateGroup } from './update-group.ts';
export { DeleteGroup } from './delete-group.ts';
export { AddUserToGroup } from './add-user-to-group.ts';
export { RemoveUserFromGroup } from './remove-user-from-group.ts';
export { ListGroupsForUser } from './list-groups-for-user.ts';
export { CreateAccessKey } from './create-access-key.ts';
export { ListAccessKeys } from './list-access-keys.ts';
export { UpdateAccessKey } from './update-access-key.ts';
export { DeleteAccessKey } from './delete-access-key.ts';
export { GetAccessKeyLastUsed } from './get-access-key-last-used.ts';
export { CreateLoginProfile } from './create-login-profile.ts';
export { GetLoginProfile } from './get-login-profile.ts';
export { UpdateLoginProfile } from './update-login-profile.ts';
export { DeleteLoginProfile } from './delete-login-profile.ts';
export { CreateAccountAlias } from './create-account-alias.ts';
export { DeleteAccountAlias } from './delete-account-alias.ts';
export { ListAccountAliases } from './list-account-aliases.ts';
export { GetAccountSummary } from './get-account-summary.ts';
export { CreatePolicy } from './create-policy.ts';
export { GetPolicy } from './get-policy.ts';
export { ListPolicies } from './list-policies.ts';
export { DeletePolicy } from './delete-policy.ts';
export { TagPolicy } from './tag-policy.ts';
export { UntagPolicy } from './untag-policy.ts';
export { ListPolicyTags } from './list-policy-tags.ts';
export { CreatePolicyVersion } from './create-policy-version.ts';
export { GetPolicyVersion } from './get-policy-version.ts';
export { ListPolicyVersions } from './list-policy-versions.ts';
export { DeletePolicyVersion } from './delete-policy-version.ts';
export { SetDefaultPolicyVersion } from './set-default-policy-version.ts';
