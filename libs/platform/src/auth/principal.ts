export const ROLES = ['pipeline', 'scientist', 'approver', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling. Becomes the `actor` of every event the request causes. */
export interface Principal {
  id: string;
  roles: Role[];
}
