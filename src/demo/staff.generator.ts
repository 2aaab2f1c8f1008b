import type { Category, EducationLevel, EmploymentKind, OrgKind } from '../directory/vocabulary.ts';
import type {
  EmploymentRow,
  OrganizationRow,
  OrgBatch,
  PersonRow,
  StaffingRow,
  VacancyRow,
} from './dataset.ts';
import { makeSnils } from './identifiers.ts';
import { randomName, transliterate } from './names.ts';
import {
  POSITIONS,
  type PositionKey,
  type PositionSpec,
  PROFILES,
  type StaffProfile,
  subjectsOf,
} from './positions.ts';
import { createRng, Deck, type Rng, stochasticRound } from './prng.ts';

/**
 * Generates an organisation's staff: managers, pedagogical staff on main employment, part-timers,
 * vacancies and staffing. The shares the municipality reports (age, education, categories, loads)
 * are drawn from decks shared by all organisations, so they hold for a town as for a region.
 */

export interface OrgPlan {
  org: OrganizationRow;
  profile: StaffProfile;
  /** People whose main employment here is pedagogical. */
  pedMain: number;
  /** People whose main employment here is managerial (директор, заместители, заведующий). */
  managers: number;
  /** People who work here only as external part-timers (their main job is elsewhere). */
  externalOnly: number;
  emailDomain: string;
}

export interface CategoryMix {
  highest: number;
  first: number;
  szd: number;
}

/** Qualification categories of pedagogical staff on main employment, Zima 2022 (seed 001). */
export const CATEGORY_MIX: CategoryMix = { highest: 0.27, first: 0.34, szd: 0.11 };

/** Pedagogical staffing level (occupied ÷ total rates) by kind: schools 95 %, ДОУ 99 %, ДО 93 % (001). */
export const STAFFING_LEVEL: Record<OrgKind, { target: number; spread: number }> = {
  school: { target: 0.95, spread: 0.03 },
  preschool: { target: 0.99, spread: 0.01 },
  additional: { target: 0.93, spread: 0.03 },
  vocational: { target: 0.94, spread: 0.03 },
  dpo: { target: 0.96, spread: 0.02 },
  methodical_service: { target: 0.97, spread: 0.03 },
};

/** Pension age used for the generated age mix (women 60, men 65: the end of the 2019 reform). */
export const PENSION_AGE = { f: 60, m: 65 } as const;

/** Education mix of pedagogical staff by group: schools ≈ 67 % higher, ДОУ and ДО ≈ 30 % (001). */
const EDUCATION: Record<
  'school' | 'preschool' | 'additional' | 'methodical' | 'vocational' | 'managers',
  [EducationLevel, number][]
> = {
  school: [
    ['higher_pedagogical', 58],
    ['higher', 9],
    ['secondary_vocational_pedagogical', 30],
    ['secondary_vocational', 3],
  ],
  preschool: [
    ['higher_pedagogical', 24],
    ['higher', 6],
    ['secondary_vocational_pedagogical', 62],
    ['secondary_vocational', 7],
    ['secondary', 1],
  ],
  additional: [
    ['higher_pedagogical', 18],
    ['higher', 12],
    ['secondary_vocational_pedagogical', 40],
    ['secondary_vocational', 30],
  ],
  methodical: [
    ['higher_pedagogical', 85],
    ['higher', 15],
  ],
  vocational: [
    ['higher', 45],
    ['higher_pedagogical', 35],
    ['secondary_vocational', 20],
  ],
  managers: [
    ['higher_pedagogical', 85],
    ['higher', 15],
  ],
};

const EDUCATION_GROUP: Record<StaffProfile, keyof typeof EDUCATION> = {
  school: 'school',
  primary_kindergarten: 'school',
  preschool: 'preschool',
  sports: 'additional',
  arts: 'additional',
  methodical: 'methodical',
  vocational: 'vocational',
};

type AgeBand = 'young' | 'mid' | 'pension';
type LoadBand = readonly [number, number];

const SUBJECT_LOAD: readonly (readonly [LoadBand, number])[] = [
  [[12, 17], 5],
  [[18, 18], 13],
  [[19, 24], 32],
  [[25, 30], 38],
  [[31, 36], 12],
];
const PRIMARY_LOAD: readonly (readonly [LoadBand, number])[] = [
  [[18, 18], 20],
  [[19, 24], 50],
  [[25, 30], 25],
  [[31, 36], 5],
];
const ADDITIONAL_LOAD: readonly (readonly [LoadBand, number])[] = [
  [[12, 17], 20],
  [[18, 18], 35],
  [[19, 27], 40],
  [[28, 32], 5],
];

/** Second positions people take inside their own organisation. */
const INTERNAL_SECOND: Record<StaffProfile, readonly PositionKey[]> = {
  school: ['additionalEducator', 'organizer', 'tutor'],
  primary_kindergarten: ['additionalEducator'],
  preschool: ['additionalEducator'],
  sports: ['instructorMethodist'],
  arts: ['accompanist', 'organizer'],
  methodical: [],
  vocational: ['methodist'],
};

const TEACHING_MANAGERS: ReadonlySet<StaffProfile> = new Set([
  'school',
  'primary_kindergarten',
  'vocational',
]);

const DAY = 86_400_000;
const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

const PAD2 = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** 'YYYY-MM-DD' of a day number (days since 1970-01-01), by Hinnant's civil-from-days; no Date objects. */
export function isoDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${PAD2[m]}-${PAD2[d]}`;
}

export function isoDate(d: Date): string {
  return isoDay(Math.floor(d.getTime() / DAY));
}

/** Today's date (UTC) as 'YYYY-MM-DD'. */
export function today(): string {
  return isoDate(new Date());
}

export interface GeneratedOrg {
  batch: OrgBatch;
  /** People whose main employment here is pedagogical: the pool categories are assigned over. */
  pedMain: PersonRow[];
  managers: PersonRow[];
}

export class StaffGenerator {
  readonly rng: Rng;
  readonly asOf: Date;
  readonly asOfText: string;
  /** asOf as a day number. */
  private readonly asOfDay: number;
  readonly year: number;
  private readonly snils = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly ageDeck: Deck<AgeBand>;
  private readonly educationDecks: Record<keyof typeof EDUCATION, Deck<EducationLevel>>;
  private readonly positionDecks = new Map<StaffProfile, Deck<PositionKey>>();
  private readonly loadDecks = new Map<readonly (readonly [LoadBand, number])[], Deck<LoadBand>>();
  /** Earlier organisations' teachers, by municipality, who may take an external part-time job. */
  private readonly moonlighters = new Map<
    string,
    { person: PersonRow; orgId: string; positions: string[] }[]
  >();
  /** Experience in years by person id, kept for category rules and start dates. */
  private readonly experience = new Map<string, number>();

  constructor(seed: number, asOf: string) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`asOf must be YYYY-MM-DD: ${asOf}`);
    this.rng = createRng(seed);
    this.asOf = new Date(`${asOf}T00:00:00Z`);
    this.asOfText = asOf;
    this.asOfDay = Math.round(this.asOf.getTime() / DAY);
    this.year = this.asOf.getUTCFullYear();
    this.ageDeck = new Deck<AgeBand>(this.rng, [
      ['young', 18],
      ['mid', 67],
      ['pension', 15],
    ]);
    this.educationDecks = Object.fromEntries(
      Object.entries(EDUCATION).map(([k, w]) => [k, new Deck(this.rng, w)]),
    ) as Record<keyof typeof EDUCATION, Deck<EducationLevel>>;
  }

  daysAgo(days: number): string {
    return isoDay(this.asOfDay - Math.round(days));
  }

  /** An age for pedagogical staff: ≈18 % under 35, ≈15 % of pension age, the rest between. */
  pedagogicalAge(sex: 'm' | 'f'): number {
    const band = this.ageDeck.draw();
    const pension = PENSION_AGE[sex];
    if (band === 'young') return this.rng.int(22, 34);
    if (band === 'mid') return this.rng.int(35, pension - 1);
    // Fewer people the further past pension age; nobody over 70.
    return pension + Math.floor(this.rng.next() ** 1.6 * (71 - pension));
  }

  managerAge(): number {
    return this.rng.int(36, 66);
  }

  newPerson(p: {
    sex: 'm' | 'f';
    age: number;
    education: EducationLevel;
    emailDomain: string;
    emailShare: number;
  }): PersonRow {
    const rng = this.rng;
    const name = randomName(rng, p.sex);
    const birthDay = Math.round(
      Date.UTC(this.year - p.age, this.asOf.getUTCMonth(), this.asOf.getUTCDate()) / DAY,
    );
    const birthDate = isoDay(birthDay - rng.int(0, 364));
    const higher = p.education === 'higher' || p.education === 'higher_pedagogical';
    const startAge = higher ? rng.int(22, 24) : rng.int(19, 21);
    const gap = rng.chance(0.3) ? rng.float(0.5, 6) : 0;
    const exp = Math.max(0, Math.min(p.age - 18, p.age - startAge - gap + rng.float(0, 0.9)));
    const person: PersonRow = {
      id: rng.uuid(),
      lastName: name.lastName,
      firstName: name.firstName,
      patronymic: name.patronymic,
      birthDate,
      sex: p.sex,
      snils: this.uniqueSnils(),
      email: rng.chance(p.emailShare) ? this.uniqueEmail(name, p.emailDomain) : null,
      education: p.education,
      pedExperienceYears: round1(exp),
      pedExperienceAsOf: this.asOfText,
      category: 'none',
      categoryDate: null,
    };
    this.experience.set(person.id, round1(exp));
    return person;
  }

  private uniqueSnils(): string {
    for (;;) {
      const s = makeSnils(this.rng.int(1_001_999, 999_999_999));
      if (!this.snils.has(s)) {
        this.snils.add(s);
        return s;
      }
    }
  }

  private uniqueEmail(name: { lastName: string; firstName: string; patronymic: string }, domain: string) {
    const base = `${transliterate(name.lastName)}.${transliterate(name.firstName[0]!)}${transliterate(name.patronymic[0]!)}`;
    for (let n = 1; ; n++) {
      const email = `${base}${n === 1 ? '' : n}@${domain}`;
      if (!this.emails.has(email)) {
        this.emails.add(email);
        return email;
      }
    }
  }

  education(profile: StaffProfile | 'managers'): EducationLevel {
    return this.educationDecks[profile === 'managers' ? 'managers' : EDUCATION_GROUP[profile]].draw();
  }

  /** The pedagogical positions of an organisation of `n` people: its required specialists, then the deck. */
  positionsFor(profile: StaffProfile, n: number): PositionKey[] {
    const p = PROFILES[profile];
    const out: PositionKey[] = [];
    for (const m of p.mandatory) if (n >= m.from && out.length < n) out.push(m.key);
    let deck = this.positionDecks.get(profile);
    if (!deck) {
      deck = new Deck(this.rng, p.deck);
      this.positionDecks.set(profile, deck);
    }
    while (out.length < n) out.push(deck.draw());
    return out;
  }

  private load(spec: PositionSpec, kind: EmploymentKind): { loadHours: number; rate: number } {
    const rng = this.rng;
    if (kind !== 'main') {
      if (spec.teaching) {
        const loadHours = rng.int(4, 12);
        return { loadHours, rate: round2(loadHours / spec.norm) };
      }
      const rate = rng.pick([0.25, 0.5, 0.5]);
      return { loadHours: round2(spec.norm * rate), rate };
    }
    if (spec.teaching) {
      const bands =
        spec === POSITIONS.primary
          ? PRIMARY_LOAD
          : spec.position.startsWith('Учитель')
            ? SUBJECT_LOAD
            : ADDITIONAL_LOAD;
      let deck = this.loadDecks.get(bands);
      if (!deck) {
        deck = new Deck(rng, bands);
        this.loadDecks.set(bands, deck);
      }
      const [lo, hi] = deck.draw();
      const loadHours = rng.int(lo, hi);
      return { loadHours, rate: round2(loadHours / spec.norm) };
    }
    const rate = rng.weighted<number>([
      [1, 80],
      [0.5, 8],
      [1.25, 6],
      [1.5, 6],
    ]);
    return { loadHours: round2(spec.norm * rate), rate };
  }

  /** When the person started here: within their experience, often on the 1st of September. */
  private startDate(personId: string, kind: EmploymentKind): string {
    const exp = this.experience.get(personId) ?? 0;
    const rng = this.rng;
    const maxDays = Math.max(30, exp * 365);
    const days =
      kind === 'main' ? rng.float(0.25, 1) * maxDays : rng.float(0.05, 0.5) * Math.min(maxDays, 8 * 365);
    const day = this.asOfDay - Math.round(Math.max(14, days));
    const date = isoDay(day);
    if (rng.chance(0.6)) {
      const sept = `${date.slice(0, 4)}-09-01`;
      if (sept <= this.daysAgo(14)) return sept;
    }
    return date;
  }

  employment(p: {
    person: PersonRow;
    org: OrganizationRow;
    spec: PositionSpec;
    kind: EmploymentKind;
    subjects?: string[];
    loadHours?: number;
    rate?: number;
    outsideProfile?: boolean;
  }): EmploymentRow {
    const auto = this.load(p.spec, p.kind);
    const loadHours = p.loadHours ?? (p.rate !== undefined ? round2(p.spec.norm * p.rate) : auto.loadHours);
    const rate = p.rate ?? (p.loadHours !== undefined ? round2(p.loadHours / p.spec.norm) : auto.rate);
    return {
      id: this.rng.uuid(),
      personId: p.person.id,
      organizationId: p.org.id,
      position: p.spec.position,
      staffCategory: 'pedagogical',
      kind: p.kind,
      subjects: p.subjects ?? subjectsOf(this.rng, p.spec),
      loadHours,
      rate,
      startDate: this.startDate(p.person.id, p.kind),
      outsideProfile: p.outsideProfile ?? false,
    };
  }

  managerialEmployment(person: PersonRow, org: OrganizationRow, position: string): EmploymentRow {
    return {
      id: this.rng.uuid(),
      personId: person.id,
      organizationId: org.id,
      position,
      staffCategory: 'managerial',
      kind: 'main',
      subjects: [],
      loadHours: 0,
      rate: 1,
      startDate: this.startDate(person.id, 'main'),
      outsideProfile: false,
    };
  }

  private sexFor(spec: PositionSpec): 'm' | 'f' {
    return this.rng.chance(spec.male) ? 'm' : 'f';
  }

  /**
   * One organisation's staff. With `randomPartTime`, managers teach and teachers take second
   * jobs at the usual rates (the region); without it the caller adds part-timers by hand (Zima).
   */
  generateOrg(plan: OrgPlan, opts: { randomPartTime: boolean }): GeneratedOrg {
    const { org, profile } = plan;
    const rng = this.rng;
    const batch: OrgBatch = { people: [], employments: [], vacancies: [], staffing: [] };
    const pedMain: PersonRow[] = [];
    const managers: PersonRow[] = [];
    const managerPositions = PROFILES[profile].managers;

    for (let i = 0; i < plan.managers; i++) {
      const position =
        i < managerPositions.length
          ? managerPositions[i]!
          : managerPositions[rng.int(1, managerPositions.length - 1)]!;
      const sex = rng.chance(profile === 'preschool' ? 0.01 : profile === 'sports' ? 0.6 : 0.2) ? 'm' : 'f';
      const person = this.newPerson({
        sex,
        age: this.managerAge(),
        education: this.education('managers'),
        emailDomain: plan.emailDomain,
        emailShare: 0.9,
      });
      const exp = this.experience.get(person.id) ?? 0;
      person.category =
        exp >= 5
          ? rng.weighted<Category>([
              ['highest', 50],
              ['first', 30],
              ['none', 20],
            ])
          : 'none';
      person.categoryDate = this.categoryDate(person, person.category);
      batch.people.push(person);
      managers.push(person);
      batch.employments.push(this.managerialEmployment(person, org, position));
      if (opts.randomPartTime && TEACHING_MANAGERS.has(profile) && rng.chance(0.35)) {
        const key = this.positionsFor(profile, 1)[0]!;
        const spec = POSITIONS[key];
        if (spec.teaching) batch.employments.push(this.employment({ person, org, spec, kind: 'internal' }));
      }
    }

    for (const key of this.positionsFor(profile, plan.pedMain)) {
      const spec = POSITIONS[key];
      const sex = this.sexFor(spec);
      const person = this.newPerson({
        sex,
        age: this.pedagogicalAge(sex),
        education: this.education(profile),
        emailDomain: plan.emailDomain,
        emailShare: 0.45,
      });
      batch.people.push(person);
      pedMain.push(person);
      batch.employments.push(this.employment({ person, org, spec, kind: 'main' }));
    }

    if (opts.randomPartTime) {
      const seconds = INTERNAL_SECOND[profile];
      if (seconds.length > 0) {
        for (let i = 0; i < pedMain.length; i++) {
          if (!rng.chance(0.015)) continue;
          const person = pedMain[i]!;
          const spec = POSITIONS[rng.pick(seconds)];
          const main = batch.employments.find((e) => e.personId === person.id)!;
          if (main.position === spec.position) continue;
          batch.employments.push(this.employment({ person, org, spec, kind: 'internal' }));
        }
      }
      this.addMoonlighters(plan, batch);
    }

    for (let i = 0; i < plan.externalOnly; i++) {
      const spec = POSITIONS[this.positionsFor(profile, 1)[0]!];
      const sex = this.sexFor(spec);
      const person = this.newPerson({
        sex,
        age: this.pedagogicalAge(sex),
        education: this.education(profile),
        emailDomain: plan.emailDomain,
        emailShare: 0.3,
      });
      const exp = this.experience.get(person.id) ?? 0;
      person.category =
        exp >= 2
          ? rng.weighted<Category>([
              ['highest', 27],
              ['first', 34],
              ['szd', 11],
              ['none', 28],
            ])
          : 'none';
      person.categoryDate = this.categoryDate(person, person.category);
      batch.people.push(person);
      batch.employments.push(this.employment({ person, org, spec, kind: 'external' }));
    }
    return { batch, pedMain, managers };
  }

  /** Teachers of earlier organisations in the municipality who also work here part-time. */
  private addMoonlighters(plan: OrgPlan, batch: OrgBatch): void {
    const rng = this.rng;
    const pool = this.moonlighters.get(plan.org.municipalityId) ?? [];
    const count = Math.min(pool.length, stochasticRound(rng, plan.pedMain * 0.01));
    for (let i = 0; i < count; i++) {
      const [chosen] = pool.splice(rng.int(0, pool.length - 1), 1);
      if (!chosen || chosen.orgId === plan.org.id) continue;
      const spec = POSITIONS[this.positionsFor(plan.profile, 1)[0]!];
      const outsideProfile = spec.teaching && !chosen.positions.includes(spec.position) && rng.chance(0.3);
      batch.employments.push(
        this.employment({ person: chosen.person, org: plan.org, spec, kind: 'external', outsideProfile }),
      );
    }
  }

  /** Makes this organisation's teachers available as part-timers to later organisations nearby. */
  offerMoonlighters(org: OrganizationRow, pedMain: PersonRow[], employments: EmploymentRow[]): void {
    const pool = this.moonlighters.get(org.municipalityId) ?? [];
    const byPerson = new Map<string, string[]>();
    for (const e of employments) byPerson.set(e.personId, [...(byPerson.get(e.personId) ?? []), e.position]);
    for (const person of pedMain) {
      if (pool.length < 300) pool.push({ person, orgId: org.id, positions: byPerson.get(person.id) ?? [] });
      else
        pool[this.rng.int(0, pool.length - 1)] = {
          person,
          orgId: org.id,
          positions: byPerson.get(person.id) ?? [],
        };
    }
    this.moonlighters.set(org.municipalityId, pool);
  }

  /**
   * Categories by quota: the most experienced (with some noise) get высшая, the next первая; СЗД
   * goes to others with at least two years' experience; the rest, including every newcomer, have
   * none. `exact` rounds the quotas; otherwise they are rounded at random, unbiased over many
   * organisations.
   */
  assignCategories(pool: PersonRow[], mix: CategoryMix, exact: boolean): void {
    const rng = this.rng;
    const n = pool.length;
    const quota = (share: number) => (exact ? Math.round(n * share) : stochasticRound(rng, n * share));
    let highest = quota(mix.highest);
    let first = quota(mix.first);
    let szd = quota(mix.szd);
    const eligible = pool
      .filter((p) => (this.experience.get(p.id) ?? p.pedExperienceYears) >= 2)
      .map((p) => ({ p, score: p.pedExperienceYears + rng.normal(0, 7) }))
      .sort((a, b) => b.score - a.score);
    const rest: PersonRow[] = [];
    for (const { p } of eligible) {
      if (highest > 0) {
        p.category = 'highest';
        highest--;
      } else if (first > 0) {
        p.category = 'first';
        first--;
      } else rest.push(p);
    }
    for (const p of rng.shuffle(rest)) {
      if (szd <= 0) break;
      p.category = 'szd';
      szd--;
    }
    for (const p of pool) p.categoryDate = this.categoryDate(p, p.category);
  }

  /** Within the last five years, and no earlier than two years into the person's career. */
  categoryDate(p: PersonRow, category: Category): string | null {
    if (category === 'none') return null;
    const exp = this.experience.get(p.id) ?? p.pedExperienceYears;
    const maxDays = Math.max(30, Math.min(5 * 365 - 1, (exp - 2) * 365));
    return this.daysAgo(this.rng.int(20, Math.round(maxDays)));
  }

  /** Rates total vs occupied for this year and the last, at the kind's usual staffing level. */
  staffing(org: OrganizationRow, employments: readonly EmploymentRow[]): StaffingRow[] {
    const rng = this.rng;
    let ped = 0;
    let adm = 0;
    for (const e of employments) {
      if (e.organizationId !== org.id) continue;
      if (e.staffCategory === 'pedagogical') ped += e.rate;
      else adm += e.rate;
    }
    const { target, spread } = STAFFING_LEVEL[org.kind];
    const level = (shift: number) => Math.min(1, target + shift + rng.float(-spread, spread));
    const row = (year: number, pedOccupied: number, admOccupied: number, shift: number): StaffingRow => {
      const pedTotal = Math.max(pedOccupied, round2(pedOccupied / level(shift)));
      const admTotal = admOccupied + (rng.chance(0.15) ? rng.pick([0.5, 1]) : 0);
      return {
        organizationId: org.id,
        year,
        pedTotal,
        pedOccupied: round2(pedOccupied),
        admTotal: round2(admTotal),
        admOccupied: round2(admOccupied),
      };
    };
    return [
      row(this.year - 1, round2(ped * rng.float(0.95, 1.03)), adm, -0.01),
      row(this.year, round2(ped), adm, 0),
    ];
  }

  vacancy(p: {
    org: OrganizationRow;
    spec: PositionSpec;
    subject?: string | null;
    rate?: number;
    zemsky?: boolean;
    openedDaysAgo: number;
    closedAfterDays?: number | null;
  }): VacancyRow {
    const openedOn = this.daysAgo(p.openedDaysAgo);
    const closedOn =
      p.closedAfterDays != null && p.closedAfterDays < p.openedDaysAgo
        ? this.daysAgo(p.openedDaysAgo - p.closedAfterDays)
        : null;
    const subjects = 'oneOf' in p.spec.subjects ? [] : p.spec.subjects;
    return {
      id: this.rng.uuid(),
      organizationId: p.org.id,
      position: p.spec.position,
      subject: p.subject === undefined ? (subjects[0] ?? null) : p.subject,
      rate: p.rate ?? 1,
      zemsky: p.zemsky ?? false,
      openedOn,
      closedOn,
    };
  }

  /** An occasional vacancy for the region: a teaching post mostly; «Земский учитель» in the country. */
  randomVacancies(plan: OrgPlan): VacancyRow[] {
    const rng = this.rng;
    if (!rng.chance(0.12)) return [];
    const spec = POSITIONS[this.positionsFor(plan.profile, 1)[0]!];
    const opened = rng.int(10, 330);
    return [
      this.vacancy({
        org: plan.org,
        spec,
        rate: rng.weighted<number>([
          [1, 70],
          [0.5, 20],
          [1.5, 10],
        ]),
        zemsky: plan.org.kind === 'school' && plan.org.rural && rng.chance(0.5),
        openedDaysAgo: opened,
        closedAfterDays: rng.chance(0.25) ? rng.int(14, 120) : null,
      }),
    ];
  }
}
