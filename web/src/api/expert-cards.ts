/**
 * Expert cards (004): templates — the three presets and the territory's copies. Every query key
 * starts with 'expert-cards', so one invalidation after a change reloads them all.
 */
import { useQuery, type useQueryClient } from '@tanstack/react-query';
import { type Answer, type Body, client, ok } from './client.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type ExpertTemplate = Answer<'/api/expert-cards/templates', 'get'>['items'][number];
export type ExpertTemplateCard = Answer<'/api/expert-cards/templates/{id}', 'get'>;
export type ExpertTemplateEdit = Body<'/api/expert-cards/templates/{id}', 'put'>;
export type ScoringRule = ExpertTemplateCard['directions'][number]['items'][number]['rule'];

export const expertCardKeys = {
  all: ['expert-cards'] as const,
  templates: ['expert-cards', 'templates'] as const,
  template: (id: string) => ['expert-cards', 'template', id] as const,
};

export function useExpertTemplates() {
  return useQuery({
    queryKey: expertCardKeys.templates,
    queryFn: () => ok(client.GET('/api/expert-cards/templates', { params: { query: {} } })),
  });
}

export function useExpertTemplate(id: string) {
  return useQuery({
    queryKey: expertCardKeys.template(id),
    queryFn: () => ok(client.GET('/api/expert-cards/templates/{id}', { params: { path: { id } } })),
  });
}

const path = (id: string) => ({ params: { path: { id } } });
export const copyExpertTemplate = (id: string, body: { title?: string } = {}) =>
  ok(client.POST('/api/expert-cards/templates/{id}/copy', { ...path(id), body }));
export const editExpertTemplate = (id: string, body: ExpertTemplateEdit) =>
  ok(client.PUT('/api/expert-cards/templates/{id}', { ...path(id), body }));
export const publishExpertTemplate = (id: string) =>
  ok(client.POST('/api/expert-cards/templates/{id}/publish', path(id)));

export const afterExpertCardsChanged = (qc: QueryClient) =>
  qc.invalidateQueries({ queryKey: expertCardKeys.all });

export const TEMPLATE_STATUS_COLORS: Record<string, string> = {
  draft: 'gray',
  published: 'green',
  archived: 'dark',
};

export const RULE_KINDS: Record<string, string> = {
  fact: 'факт — N баллов',
  count: 'количество не меньше k — N баллов',
  share: 'доля не меньше X % — N баллов',
  choice: 'выбор из списка',
  levels: 'по уровням (муниципальный, региональный, федеральный)',
};

/** The rule in words: «факт — 1 балл», «не менее 80 % — 1 балл». */
export function ruleWords(rule: ScoringRule): string {
  const b = (n: number) =>
    `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'балл' : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 'балла' : 'баллов'}`;
  switch (rule.kind) {
    case 'fact':
      return `факт — ${b(rule.points)}`;
    case 'count':
      return `не менее ${rule.min} — ${b(rule.points)}`;
    case 'share':
      return `не менее ${rule.minPercent} % — ${b(rule.points)}`;
    case 'choice':
      return rule.options.map((o) => `${o.label} — ${b(o.points)}`).join('; ');
    case 'levels':
      return `муниципальный ${rule.points.municipal}, региональный ${rule.points.regional}, федеральный ${rule.points.federal}${rule.accumulate ? ' (суммируются)' : ''}`;
  }
}
