/**
 * The storage port: a narrow async interface owned by the domain. Adapters (sqlite/, postgres/)
 * implement it; one contract suite checks every adapter. Absence is `undefined`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the store work (issue 2)
export interface StoreTx {}
