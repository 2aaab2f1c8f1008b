/**
 * Russian words for an item's `prefillSource` (`code` or `code|arg|arg`), for the template page:
 * where the platform takes the figure from. The prefill itself lives in `prefill/`; a code not
 * named here is shown as «данные платформы».
 */
const SOURCES: Record<string, string> = {
  'trainings.completed': 'обучение по программам ДПО из реестра (за 3 года)',
  'assessment.took_part': 'участие в диагностике (кампании диагностики)',
  'assessment.diagnosed_share': 'доля прошедших диагностику дефицитов',
  'routes.share': 'доля педагогов с индивидуальным маршрутом',
  'plans.methodical': 'годовой план методической работы',
  'young.retained': 'молодые специалисты, продолжившие работу (реестр)',
  'young.mentoring_pair': 'наставнические пары молодых специалистов',
  'young.school_member': 'молодые специалисты в Школе молодого педагога',
  'young.school_presented': 'выступления молодых специалистов в Школе молодого педагога',
  'young.community_member': 'молодые специалисты в профессиональных сообществах',
  'young.presented': 'выступления молодых специалистов',
  'contests.winner': 'победители конкурса',
  'contests.participant': 'участники конкурса',
  'communities.member': 'участие в профессиональных сообществах',
  'events.presented': 'выступления на мероприятиях',
  'events.took_part': 'участие в методических мероприятиях',
  'events.attended_share': 'доля посещённых событий сообществ',
  'events.kind_took_part': 'участие в методических мероприятиях вида',
  'events.kind_presented': 'выступления на мероприятиях вида',
  'orgs.innovation_platform': 'статус инновационной площадки (реестр организаций)',
  'orgs.internship_platform': 'статус стажировочной площадки (реестр организаций)',
};

const ARGS: Record<string, string> = {
  municipal: 'муниципальный',
  regional: 'региональный',
  federal: 'федеральный',
  methodical_day: 'Единый методический день',
  methodical_week: 'Единая методическая неделя',
};

export function prefillLabel(code: string | null): string | null {
  if (!code) return null;
  const [base = '', ...args] = code.split('|');
  const words = args
    .map((a) =>
      a
        .split(',')
        .map((p) => ARGS[p] ?? `«${p}»`)
        .join(', '),
    )
    .filter(Boolean);
  const label = SOURCES[base] ?? 'данные платформы';
  return words.length ? `${label}: ${words.join('; ')}` : label;
}
