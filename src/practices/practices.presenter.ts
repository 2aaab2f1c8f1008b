import type { MaterialDb } from './practices.repository.ts';
import { APPROBATION_LEVELS, PRACTICE_KINDS, PRACTICE_STATUSES } from './practices.vocabulary.ts';

/** A material as the API sends it: the fields listed here and nothing else. */
export function presentMaterial(m: MaterialDb) {
  return {
    id: m.id,
    kind: m.kind,
    kindName: PRACTICE_KINDS[m.kind],
    title: m.title,
    description: m.description,
    topic: m.topic,
    subjects: m.subjects,
    url: m.url,
    file: m.file_id ? { id: m.file_id, fileName: m.file_name ?? 'файл' } : null,
    approbationLevel: m.approbation_level,
    approbationLevelName: APPROBATION_LEVELS[m.approbation_level],
    status: m.status,
    statusName: PRACTICE_STATUSES[m.status],
    returnReason: m.return_reason,
    organization: m.organization_id ? { id: m.organization_id, name: m.organization_name ?? '' } : null,
    municipalityName: m.municipality_name,
    authors: m.authors,
    competencies: m.competencies,
    moderatorName: m.moderator_name,
    submittedAt: m.submitted_at,
    moderatedAt: m.moderated_at,
    publishedAt: m.published_at,
    updatedAt: m.updated_at,
    uses: { views: m.views, downloads: m.downloads, links: m.links },
    canEdit: m.can_edit && (m.status === 'draft' || m.status === 'returned'),
    canModerate: m.can_moderate && m.status === 'on_moderation',
  };
}
