/** The roles a person can say they have; the server decides what each may see. */
export const DESK_ROLES = ['agent', 'manager', 'director', 'head-of-department'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

export const ROLE_LABELS: Readonly<Record<DeskRole, string>> = {
  agent: 'Agent',
  manager: 'Service desk manager',
  director: 'Director',
  'head-of-department': 'Head of Department',
};

export function isDeskRole(value: string): value is DeskRole {
  return (DESK_ROLES as readonly string[]).includes(value);
}

export function roleLabel(role: string): string {
  return isDeskRole(role) ? ROLE_LABELS[role] : role;
}
