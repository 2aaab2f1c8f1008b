import { z } from 'zod';
import {
  APPROBATION_LEVEL_KEYS,
  PRACTICE_KIND_KEYS,
  PRACTICE_SORTS,
  PRACTICE_STATUS_KEYS,
} from './practices.vocabulary.ts';

/** The API shapes of the bank of practices and materials. */

export const ZPracticeQuery = z.object({
  q: z.string().trim().max(200).optional(),
  subject: z.string().trim().max(200).optional(),
  competencyId: z.uuid().optional(),
  level: z.enum(APPROBATION_LEVEL_KEYS).optional(),
  kind: z.enum(PRACTICE_KIND_KEYS).optional(),
  organizationId: z.uuid().optional(),
  /** Materials attached to a community (its «Материалы» tab). */
  communityId: z.uuid().optional(),
  /** Published by default; other statuses show what the caller may see (their own, to moderate). */
  status: z.enum(PRACTICE_STATUS_KEYS).optional(),
  /** Only the caller's own (author or creator). */
  mine: z.enum(['true', 'false']).optional(),
  sort: z.enum(PRACTICE_SORTS).optional(),
});
export type PracticeQuery = z.infer<typeof ZPracticeQuery>;

const ZUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/\S+$/i, 'Ссылка должна начинаться с http:// или https://');

export const ZMaterialFields = z.object({
  kind: z.enum(PRACTICE_KIND_KEYS),
  title: z.string().trim().min(3, 'Название — не короче 3 символов').max(300),
  description: z.string().trim().max(5000).default(''),
  topic: z.string().trim().max(300).default(''),
  subjects: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  competencyIds: z.array(z.uuid()).max(30).default([]),
  approbationLevel: z.enum(APPROBATION_LEVEL_KEYS).default('school'),
  url: ZUrl.nullable().optional(),
  fileId: z.uuid().nullable().optional(),
  /** People of the registry; the caller's person when empty. */
  authorIds: z.array(z.uuid()).max(20).default([]),
  /** For a methodist or admin: whose organization it is. */
  organizationId: z.uuid().nullable().optional(),
});
export type MaterialInput = z.infer<typeof ZMaterialFields>;

export const ZReturn = z.object({ reason: z.string().trim().min(3, 'Укажите причину возврата').max(2000) });
export const ZUse = z.object({ kind: z.enum(['download', 'link']) });
export const ZLinkFields = z
  .object({ registrationId: z.uuid().optional(), communityId: z.uuid().optional() })
  .refine(
    (v) => !!v.registrationId !== !!v.communityId,
    'Укажите одно: выступление на мероприятии или сообщество',
  );

const ZRef = z.object({ id: z.string(), name: z.string() });

export const ZMaterial = z.object({
  id: z.string(),
  kind: z.enum(PRACTICE_KIND_KEYS),
  kindName: z.string(),
  title: z.string(),
  description: z.string(),
  topic: z.string(),
  subjects: z.array(z.string()),
  url: z.string().nullable(),
  file: z.object({ id: z.string(), fileName: z.string() }).nullable(),
  approbationLevel: z.enum(APPROBATION_LEVEL_KEYS),
  approbationLevelName: z.string(),
  status: z.enum(PRACTICE_STATUS_KEYS),
  statusName: z.string(),
  returnReason: z.string().nullable(),
  organization: ZRef.nullable(),
  municipalityName: z.string().nullable(),
  authors: z.array(ZRef),
  competencies: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  moderatorName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  moderatedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  uses: z.object({ views: z.number(), downloads: z.number(), links: z.number() }),
  canEdit: z.boolean(),
  canModerate: z.boolean(),
});

export const ZMaterialList = z.object({
  items: z.array(ZMaterial),
  total: z.number(),
  canCreate: z.boolean(),
  canModerate: z.boolean(),
});

export const ZMaterialLinks = z.object({
  routeItems: z.number(),
  events: z.array(
    z.object({ id: z.string(), eventId: z.string(), title: z.string(), presenter: z.string() }),
  ),
  communities: z.array(z.object({ id: z.string(), communityId: z.string(), name: z.string() })),
});

export const ZMaterialCard = ZMaterial.extend({ links: ZMaterialLinks });
