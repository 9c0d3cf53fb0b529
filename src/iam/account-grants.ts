/**
 * Permissions IAM grants every IAM user at the account level, without a policy attached to anyone:
 * the account password policy's AllowUsersToChangePassword gives `iam:ChangePassword` on the
 * user itself and `iam:GetAccountPasswordPolicy` ("the permissions are applied at the account-level
 * for all users by IAM"). Warden gathers it as one more identity policy of each user, so it
 * combines with the user's own policies exactly as an identity policy would: an explicit Deny
 * still wins, and a permissions boundary must allow the action too.
 */
export const CHANGE_PASSWORD_GRANT = {
  key: 'account\u0000AllowUsersToChangePassword',
  sourceId: 'AccountPasswordPolicy/AllowUsersToChangePassword',
  document: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'iam:ChangePassword',
        Resource: ['arn:*:iam::*:user/${aws:username}', 'arn:*:iam::*:user/*/${aws:username}'],
      },
      { Effect: 'Allow', Action: 'iam:GetAccountPasswordPolicy', Resource: '*' },
    ],
  }),
} as const;
