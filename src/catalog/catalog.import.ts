/** What the catalog's two importers (programs, trainings) share; both run on `platform/import`. */

export { attachment } from '../platform/import/import-template.ts';

export type CatalogImportKind = 'programs' | 'trainings';

export const CATALOG_IMPORT = {
  conflict: 'Данные изменились во время загрузки (совпали ключевые данные). Повторите загрузку.',
} as const;
