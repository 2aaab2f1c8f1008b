/** Who is calling, and the scope every query of theirs is cut to. */
export type Role =
  | 'admin'
  | 'region_admin'
  | 'municipal_methodist'
  | 'municipal_head'
  | 'org_head'
  | 'teacher'
  | 'curator'
  | 'expert';

export const ROLES: readonly Role[] = [
  'admin',
  'region_admin',
  'municipal_methodist',
  'municipal_head',
  'org_head',
  'teacher',
  'curator',
  'expert',
];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Администратор системы',
  region_admin: 'Региональный оператор',
  municipal_methodist: 'Методист муниципальной методической службы',
  municipal_head: 'Руководитель органа управления образованием',
  org_head: 'Руководитель образовательной организации',
  teacher: 'Педагог',
  curator: 'Куратор / тьютор / наставник',
  expert: 'Эксперт',
};

export interface Actor {
  userId: string;
  email: string;
  fullName: string;
  role: Role;
  regionId: string | null;
  municipalityId: string | null;
  organizationId: string | null;
  personId: string | null;
}

/** The territory level a role's scope is anchored to, and which id field must be set. */
export const ROLE_SCOPE: Record<
  Role,
  'all' | 'region' | 'municipality' | 'organization' | 'person' | 'assigned'
> = {
  admin: 'all',
  region_admin: 'region',
  municipal_methodist: 'municipality',
  municipal_head: 'municipality',
  org_head: 'organization',
  teacher: 'person',
  curator: 'assigned',
  expert: 'assigned',
};

/** The command-line tool acts as the system administrator. */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  email: 'system@marshrut.local',
  fullName: 'Командная строка',
  role: 'admin',
  regionId: null,
  municipalityId: null,
  organizationId: null,
  personId: null,
};
