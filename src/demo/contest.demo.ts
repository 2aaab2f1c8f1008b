import { suggestOutcomes } from '../events/contests/contests.rules.ts';
import { publishResults, setOutcomes } from '../events/contests/contests.service.ts';
import type { AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';

/**
 * The results of the town's contest «Новая смена» (001 Table 2, 3.2): two nominations, three
 * criteria of 10 points, an entry from every young teacher who came, three jurors' score sheets,
 * the outcomes the rules suggest from the averages, confirmed and published by the methodist —
 * which issues the diplomas, as in the product. Entries and sheets are written directly (the demo
 * has no session for each teacher and juror) and audited as the demo's; outcomes and publication go
 * through the contest service.
 */

const NOMINATIONS = ['Молодой учитель: урок', 'Методическая разработка'];
const CRITERIA = ['Актуальность и новизна', 'Методическая грамотность', 'Результативность'];
const MAX_SCORE = 10;
const TITLES = [
  'Урок-исследование «Почему мы так говорим?»',
  'Квест по истории родного города',
  'Система заданий на смысловое чтение, 5 класс',
  'Лабораторный практикум по физике с цифровыми датчиками',
  'Игровые приёмы на уроках английского языка',
  'Проектная задача «Школьный двор»',
  'Рабочий лист для урока геометрии: от задачи к модели',
  'Формирующее оценивание на уроке литературы',
  'Урок-мастерская «Пишем отзыв»',
  'Кейс для урока обществознания «Бюджет семьи»',
];

export interface DemoContest {
  entries: number;
  jurors: number;
  diplomas: number;
}

export async function loadDemoContest(
  tx: Db,
  input: {
    eventId: string;
    day: string;
    methodist: Actor;
    participants: { registrationId: string; personId: string }[];
    jurors: { registrationId: string; personId: string }[];
    audit: AuditEntry[];
  },
): Promise<DemoContest> {
  const { eventId, methodist, audit } = input;
  const deps = { db: tx, today: () => input.day };
  const nominations = await tx.query<{ id: string }>(sql`
    INSERT INTO contest_nominations (event_id, title, position)
    SELECT ${eventId}, t.title, t.ord - 1 FROM unnest(${sql.param(NOMINATIONS)}::text[]) WITH ORDINALITY AS t(title, ord)
    RETURNING id`);
  const criteria = await tx.query<{ id: string }>(sql`
    INSERT INTO contest_criteria (event_id, title, max_score, position)
    SELECT ${eventId}, t.title, ${MAX_SCORE}, t.ord - 1 FROM unnest(${sql.param(CRITERIA)}::text[]) WITH ORDINALITY AS t(title, ord)
    RETURNING id`);

  const scored: { id: string; nominationId: string; average: number }[] = [];
  for (const [i, p] of input.participants.entries()) {
    const nominationId = nominations[i % nominations.length]!.id;
    const title = TITLES[i % TITLES.length]!;
    const materialsUrl = `https://mms-zima.example/novaya-smena/${i + 1}`;
    const [entry] = await tx.query<{ id: string }>(sql`
      INSERT INTO contest_entries (event_id, nomination_id, registration_id, title, materials_url)
      VALUES (${eventId}, ${nominationId}, ${p.registrationId}, ${title}, ${materialsUrl}) RETURNING id`);
    audit.push({
      actor: methodist,
      action: 'create',
      entity: 'contest_entry',
      entityId: entry!.id,
      personId: p.personId,
      after: { nominationId, title, materialsUrl, demo: true },
    });
    let total = 0;
    for (const [j, juror] of input.jurors.entries()) {
      // 3..10 points, varied by entry, juror and criterion, the same on every load; the second
      // nomination scores a point higher, so one nomination's last entry is a laureate (≥ 60 %)
      // and the other's only a participant — not everyone gets a diploma.
      const scores = criteria.map((c, k) => ({
        criterionId: c.id,
        score: 3 + (i % 2) + ((i * 3 + j * 5 + k * 2) % 7),
      }));
      for (const s of scores)
        await tx.query(sql`
          INSERT INTO contest_scores (entry_id, juror_registration_id, criterion_id, score)
          VALUES (${entry!.id}, ${juror.registrationId}, ${s.criterionId}, ${s.score})`);
      total += scores.reduce((sum, s) => sum + s.score, 0);
      audit.push({
        actor: methodist,
        action: 'save',
        entity: 'contest_score_sheet',
        entityId: entry!.id,
        personId: p.personId,
        after: { jurorRegistrationId: juror.registrationId, scores, demo: true },
      });
    }
    scored.push({ id: entry!.id, nominationId, average: total / input.jurors.length });
  }

  const outcomes = suggestOutcomes(scored, MAX_SCORE * CRITERIA.length);
  await setOutcomes(
    deps,
    methodist,
    eventId,
    scored.map((e) => ({ entryId: e.id, outcome: outcomes.get(e.id)! })),
  );
  const { diplomas } = await publishResults(deps, methodist, eventId);
  return { entries: scored.length, jurors: input.jurors.length, diplomas };
}
