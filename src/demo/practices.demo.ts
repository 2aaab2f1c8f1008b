import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import type { ApprobationLevel, PracticeKind, PracticeStatus } from '../practices/practices.vocabulary.ts';

/**
 * The town's bank of practices (src/practices): 30 materials and practices of its teachers, most
 * published by the methodical council over the past months and used (views, downloads), two on
 * moderation (one of the demo teacher's), one returned with a reason, one draft of the demo
 * teacher. Each addresses competencies of the teacher framework, so the route generator (run after
 * this) points self-education at them. The demo curator and the expert join the town's
 * «Городской методический совет» (communities.demo.ts): they moderate with the methodist.
 */

interface Spec {
  title: string;
  kind: PracticeKind;
  topic: string;
  subjects: string[];
  level: ApprobationLevel;
  description: string;
  status?: PracticeStatus;
  /** The demo teacher is its author. */
  teacher?: boolean;
}

const M = 'material' as const;
const P = 'practice' as const;

export const DEMO_PRACTICES: readonly Spec[] = [
  {
    title: 'Кейсы формирующего оценивания на уроках математики 5–6 классов',
    kind: P,
    topic: 'Формирующее оценивание',
    subjects: ['Математика'],
    level: 'municipal',
    description: 'Приёмы обратной связи и листы самооценки, апробированы в трёх школах города.',
  },
  {
    title: 'Технологическая карта урока по ФГОС: шаблон и пример',
    kind: M,
    topic: 'Проектирование урока',
    subjects: [],
    level: 'school',
    description: 'Шаблон технологической карты с разобранным примером урока русского языка.',
  },
  {
    title: 'Функциональная грамотность: банк заданий по читательской грамотности',
    kind: M,
    topic: 'Функциональная грамотность',
    subjects: ['Русский язык', 'Литература'],
    level: 'regional',
    description: 'Тридцать заданий PISA-формата с ключами и критериями.',
  },
  {
    title: 'Естественно-научная грамотность через лабораторный практикум',
    kind: P,
    topic: 'Функциональная грамотность',
    subjects: ['Физика', 'Химия'],
    level: 'municipal',
    description: 'Цикл из восьми практических работ с исследовательскими вопросами.',
  },
  {
    title: 'Работа с детьми с ОВЗ в инклюзивном классе: памятка учителю',
    kind: M,
    topic: 'Инклюзивное образование',
    subjects: [],
    level: 'school',
    description: 'Адаптация заданий, организация пространства, взаимодействие с тьютором.',
  },
  {
    title: 'Проектная деятельность в начальной школе: от идеи до защиты',
    kind: P,
    topic: 'Проектная деятельность',
    subjects: ['Начальные классы'],
    level: 'municipal',
    description: 'Этапы проекта, оценочные листы, примеры детских проектов.',
  },
  {
    title: 'Цифровые инструменты учителя: интерактивные рабочие листы',
    kind: M,
    topic: 'Цифровая образовательная среда',
    subjects: [],
    level: 'school',
    description: 'Как собрать рабочий лист с автопроверкой и встроить его в урок.',
  },
  {
    title: 'Смысловое чтение на уроках истории',
    kind: P,
    topic: 'Смысловое чтение',
    subjects: ['История'],
    level: 'municipal',
    description: 'Приёмы работы с историческим источником: инсерт, кластер, вопросы толстые и тонкие.',
  },
  {
    title: 'Профилактика эмоционального выгорания педагога: программа группы поддержки',
    kind: P,
    topic: 'Профессиональное благополучие',
    subjects: [],
    level: 'regional',
    description: 'Шесть встреч с упражнениями и анкетой до и после.',
  },
  {
    title: 'Подготовка к ОГЭ по математике: разбор типичных ошибок',
    kind: M,
    topic: 'Подготовка к ГИА',
    subjects: ['Математика'],
    level: 'municipal',
    description: 'Анализ результатов города за три года и задания на отработку.',
  },
  {
    title: 'Наставничество «учитель — учитель»: дорожная карта на год',
    kind: P,
    topic: 'Наставничество',
    subjects: [],
    level: 'municipal',
    description: 'План встреч наставника и молодого специалиста с формами отчёта.',
  },
  {
    title: 'Воспитательный потенциал урока литературы',
    kind: M,
    topic: 'Воспитательная работа',
    subjects: ['Литература'],
    level: 'school',
    description: 'Подборка вопросов и заданий для ценностного обсуждения произведений.',
  },
  {
    title: 'Финансовая грамотность в 7–9 классах: деловая игра «Семейный бюджет»',
    kind: P,
    topic: 'Финансовая грамотность',
    subjects: ['Обществознание', 'Математика'],
    level: 'regional',
    description: 'Сценарий игры, раздаточные материалы, критерии оценки.',
  },
  {
    title: 'Английский язык: коммуникативные задания для средней школы',
    kind: M,
    topic: 'Коммуникативная методика',
    subjects: ['Английский язык'],
    level: 'school',
    description: 'Ролевые карточки и задания информационного разрыва.',
  },
  {
    title: 'Эффективный урок физической культуры: моторная плотность',
    kind: P,
    topic: 'Проектирование урока',
    subjects: ['Физическая культура'],
    level: 'municipal',
    description: 'Как повысить моторную плотность урока: круговая тренировка и станции.',
  },
  {
    title: 'Дифференцированные домашние задания: три уровня сложности',
    kind: M,
    topic: 'Индивидуализация обучения',
    subjects: [],
    level: 'school',
    description: 'Принципы составления и примеры по разным предметам.',
  },
  {
    title: 'Работа с родителями: родительское собрание в формате мастерской',
    kind: P,
    topic: 'Взаимодействие с семьёй',
    subjects: [],
    level: 'municipal',
    description: 'Сценарий собрания, приёмы вовлечения родителей.',
  },
  {
    title: 'Робототехника в дополнительном образовании: программа первого года',
    kind: M,
    topic: 'Техническое творчество',
    subjects: ['Робототехника'],
    level: 'municipal',
    description: 'Модульная программа на 72 часа с проектами по каждому модулю.',
  },
  {
    title: 'Критериальное оценивание письменных работ по русскому языку',
    kind: M,
    topic: 'Формирующее оценивание',
    subjects: ['Русский язык'],
    level: 'regional',
    description: 'Критерии, рубрики и образцы работ с комментариями.',
  },
  {
    title: 'Географический квест по родному краю',
    kind: P,
    topic: 'Краеведение',
    subjects: ['География'],
    level: 'school',
    description: 'Маршрут квеста по Зиме с заданиями и картой.',
  },
  {
    title: 'Развитие речи дошкольников: картотека речевых игр',
    kind: M,
    topic: 'Речевое развитие',
    subjects: [],
    level: 'municipal',
    description: 'Сорок игр по возрастам с целями и ходом игры.',
  },
  {
    title: 'Исследовательская работа по биологии: школьная экологическая тропа',
    kind: P,
    topic: 'Исследовательская деятельность',
    subjects: ['Биология'],
    level: 'regional',
    description: 'Организация наблюдений и оформление результатов учениками.',
  },
  {
    title: 'Информатика: задания на алгоритмическое мышление без компьютера',
    kind: M,
    topic: 'Алгоритмическое мышление',
    subjects: ['Информатика'],
    level: 'school',
    description: 'Настольные и бумажные задания для 5–7 классов.',
  },
  {
    title: 'Урок музыки в технологии «перевёрнутый класс»',
    kind: P,
    topic: 'Смешанное обучение',
    subjects: ['Музыка'],
    level: 'school',
    description: 'Видеоматериалы к урокам и план очного занятия.',
  },
  {
    title: 'Профориентационные пробы в основной школе',
    kind: P,
    topic: 'Профориентация',
    subjects: [],
    level: 'municipal',
    description: 'Модель проб на базе колледжа и предприятий города.',
  },
  {
    title: 'Химия: решение расчётных задач по алгоритму',
    kind: M,
    topic: 'Подготовка к ГИА',
    subjects: ['Химия'],
    level: 'school',
    description: 'Алгоритмы и тренировочные карточки для 8–9 классов.',
  },
  {
    title: 'Школьная служба медиации: положение и сценарии',
    kind: M,
    topic: 'Воспитательная работа',
    subjects: [],
    level: 'municipal',
    description: 'Документы службы и три сценария восстановительных программ.',
    status: 'on_moderation',
  },
  {
    title: 'Приёмы активизации познавательной деятельности на уроках математики',
    kind: P,
    topic: 'Активные методы обучения',
    subjects: ['Математика'],
    level: 'school',
    description: 'Математический диктант-лото, «верю — не верю», задачи с ошибкой.',
    status: 'on_moderation',
    teacher: true,
  },
  {
    title: 'Литературная гостиная как форма внеурочной деятельности',
    kind: P,
    topic: 'Внеурочная деятельность',
    subjects: ['Литература'],
    level: 'school',
    description: 'Сценарии трёх гостиных.',
    status: 'returned',
  },
  {
    title: 'Мой опыт: рабочие листы к урокам геометрии',
    kind: M,
    topic: 'Проектирование урока',
    subjects: ['Математика'],
    level: 'school',
    description: 'Черновик: рабочие листы к темам 7 класса.',
    status: 'draft',
    teacher: true,
  },
];

export const DEMO_RETURN_REASON =
  'Добавьте описание результатов апробации и приложите сценарии, о которых сказано в описании.';

export async function loadDemoPractices(
  tx: Db,
  o: {
    methodist: Actor;
    frameworkId: string;
    teacherPersonId: string;
    councilPersonIds: string[];
    now: Date;
  },
): Promise<{ materials: number; published: number }> {
  const m = o.methodist;
  const comps = await tx.query<{ id: string }>(sql`
    SELECT c.id FROM competencies c JOIN competency_groups g ON g.id = c.group_id
    WHERE c.framework_id = ${o.frameworkId} ORDER BY g.position, c.position, c.code`);
  // Authors: teachers of the town's schools, in a fixed order.
  const people = await tx.query<{ id: string; organization_id: string }>(sql`
    SELECT DISTINCT ON (p.last_name, p.first_name, p.id) p.id, e.organization_id
    FROM people p JOIN employments e ON e.person_id = p.id AND e.kind = 'main' AND e.end_date IS NULL
      AND e.staff_category = 'pedagogical'
    JOIN organizations og ON og.id = e.organization_id AND og.municipality_id = ${m.municipalityId}
    ORDER BY p.last_name, p.first_name, p.id`);
  const [teacherOrg] = await tx.query<{ organization_id: string }>(sql`
    SELECT organization_id FROM employments WHERE person_id = ${o.teacherPersonId} AND kind = 'main' AND end_date IS NULL`);
  const [mu] = await tx.query<{ region_id: string }>(
    sql`SELECT region_id FROM municipalities WHERE id = ${m.municipalityId}`,
  );
  const day = 24 * 3600 * 1000;
  const rows = DEMO_PRACTICES.map((s, i) => {
    const author = s.teacher
      ? { id: o.teacherPersonId, organization_id: teacherOrg!.organization_id }
      : people[(i * 17 + 5) % people.length]!;
    const coAuthor = i % 4 === 0 && !s.teacher ? people[(i * 17 + 11) % people.length]! : null;
    const status = s.status ?? 'published';
    const published = status === 'published';
    const submitted = status !== 'draft';
    const at = (days: number) => new Date(o.now.getTime() - days * day).toISOString();
    return {
      title: s.title,
      kind: s.kind,
      topic: s.topic,
      subjects: s.subjects,
      level: s.level,
      description: s.description,
      status,
      url: `https://mms-zima.example/bank/${i + 1}`,
      organization_id: author.organization_id,
      authors: [author.id, ...(coAuthor && coAuthor.id !== author.id ? [coAuthor.id] : [])],
      // Two competencies each, going round the framework so every one has a material.
      competencies: comps.length ? [comps[i % comps.length]!.id, comps[(i + 7) % comps.length]!.id] : [],
      created_at: at(200 - i * 5),
      submitted_at: submitted ? at(150 - i * 4) : null,
      moderated_at: published || status === 'returned' ? at(140 - i * 4) : null,
      published_at: published ? at(140 - i * 4) : null,
      return_reason: status === 'returned' ? DEMO_RETURN_REASON : null,
      views: published ? 5 + ((i * 7) % 23) : 0,
      downloads: published ? (i * 5) % 11 : 0,
    };
  });
  const payload = JSON.stringify(rows);
  await tx.query(sql`
    WITH x AS (
      SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS x(
        title text, kind text, topic text, subjects text[], level text, description text, status text, url text,
        organization_id uuid, created_at timestamptz, submitted_at timestamptz, moderated_at timestamptz,
        published_at timestamptz, return_reason text)
    )
    INSERT INTO practice_materials (kind, title, description, topic, subjects, url, approbation_level, region_id,
      municipality_id, organization_id, status, return_reason, submitted_at, moderated_by, moderated_at, published_at,
      created_by, created_at, updated_at)
    SELECT x.kind::practice_kind, x.title, x.description, x.topic, x.subjects, x.url, x.level::approbation_level,
           ${mu!.region_id}, ${m.municipalityId}, x.organization_id, x.status::practice_status, x.return_reason,
           x.submitted_at, CASE WHEN x.moderated_at IS NULL THEN NULL ELSE ${m.userId}::uuid END, x.moderated_at,
           x.published_at, NULL, x.created_at, COALESCE(x.moderated_at, x.created_at)
    FROM x`);
  await tx.query(sql`
    WITH x AS (SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS x(title text, authors uuid[], competencies uuid[],
                                                                         views int, downloads int)),
    mat AS (SELECT pm.id, x.* FROM x JOIN practice_materials pm ON pm.title = x.title),
    a AS (INSERT INTO practice_material_authors (material_id, person_id, position)
          SELECT mat.id, au.person_id, au.n - 1 FROM mat, unnest(mat.authors) WITH ORDINALITY AS au(person_id, n)),
    c AS (INSERT INTO practice_material_competencies (material_id, competency_id)
          SELECT DISTINCT mat.id, cc FROM mat, unnest(mat.competencies) AS cc)
    INSERT INTO practice_material_uses (material_id, kind, at)
    SELECT mat.id, 'view'::practice_use_kind, now() - (g || ' days')::interval FROM mat, generate_series(1, mat.views) g
    UNION ALL
    SELECT mat.id, 'download'::practice_use_kind, now() - (g || ' days')::interval FROM mat, generate_series(1, mat.downloads) g`);
  // The town's methodical council (communities.demo.ts) moderates the bank with the methodist; the
  // demo curator and the expert sit on it, so their logins show moderation.
  const [council] = await tx.query<{ id: string }>(sql`
    SELECT id FROM communities WHERE kind = 'methodical_council' AND municipality_id = ${m.municipalityId}
    ORDER BY created_at, id LIMIT 1`);
  if (!council)
    throw new Error('the bank of practices needs the town methodical council (load communities first)');
  for (const personId of o.councilPersonIds)
    await tx.query(sql`INSERT INTO community_members (community_id, person_id, joined_on, added_by)
      VALUES (${council.id}, ${personId}, ${o.now.toISOString().slice(0, 10)}::date - 90, ${m.userId})
      ON CONFLICT (community_id, person_id) WHERE left_on IS NULL DO NOTHING`);
  return { materials: rows.length, published: rows.filter((r) => r.status === 'published').length };
}
