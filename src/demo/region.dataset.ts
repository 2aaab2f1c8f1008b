import type { OrgKind } from '../directory/vocabulary.ts';
import {
  type Dataset,
  type DatasetStream,
  type MunicipalityRow,
  materialize,
  type OrganizationRow,
  type OrgBatch,
} from './dataset.ts';
import { makeOrgInn } from './identifiers.ts';
import type { StaffProfile } from './positions.ts';
import { createRng, Deck, hashSeed, type Rng, stochasticRound } from './prng.ts';
import { CATEGORY_MIX, type OrgPlan, StaffGenerator, today } from './staff.generator.ts';

/**
 * A whole region at benchmark scale (Chelyabinsk: ~2 000 organisations, ~50 000 staff, ~40
 * municipalities), made by the same generator as the demo town. Produced organisation by
 * organisation, so a loader can stream it.
 */
export interface RegionOptions {
  organizations: number;
  /** People (each counted once, whatever their number of jobs). */
  staff: number;
  seed?: number;
  /** About 40 for 2 000 organisations by default. */
  municipalities?: number;
  region?: { code: string; name: string };
  asOf?: string;
}

export const DEFAULT_REGION = { code: '74', name: 'Челябинская область' } as const;

// biome-ignore format: a list of names reads better packed
const MUNICIPALITY_NAMES = [
  'Челябинский городской округ', 'Магнитогорский городской округ', 'Златоустовский городской округ',
  'Миасский городской округ', 'Копейский городской округ', 'Озёрский городской округ',
  'Троицкий городской округ', 'Снежинский городской округ', 'Сосновский муниципальный район',
  'Саткинский муниципальный район', 'Коркинский муниципальный район', 'Ашинский муниципальный район',
  'Чебаркульский городской округ', 'Южноуральский городской округ', 'Кыштымский городской округ',
  'Красноармейский муниципальный район', 'Еманжелинский муниципальный район', 'Аргаяшский муниципальный район',
  'Карталинский муниципальный район', 'Увельский муниципальный район', 'Каслинский муниципальный район',
  'Верхнеуфалейский городской округ', 'Еткульский муниципальный район', 'Кусинский муниципальный район',
  'Агаповский муниципальный район', 'Пластовский муниципальный район', 'Уйский муниципальный район',
  'Брединский муниципальный район', 'Варненский муниципальный район', 'Верхнеуральский муниципальный район',
  'Кизильский муниципальный район', 'Кунашакский муниципальный район', 'Нагайбакский муниципальный район',
  'Нязепетровский муниципальный район', 'Октябрьский муниципальный район', 'Троицкий муниципальный район',
  'Чебаркульский муниципальный район', 'Чесменский муниципальный район', 'Катав-Ивановский муниципальный район',
  'Усть-Катавский городской округ', 'Карабашский городской округ', 'Трёхгорный городской округ',
  'Локомотивный городской округ',
];

const VOCATIONAL_NAMES = [
  'Политехнический колледж',
  'Педагогический колледж',
  'Медицинский колледж',
  'Аграрный техникум',
  'Техникум транспорта',
  'Колледж сервиса',
];

interface OrgName {
  fullName: string;
  shortName: string;
  profile: StaffProfile;
}

/** Names an organisation of a kind, numbering them within the municipality. */
function nameOrg(rng: Rng, kind: OrgKind, n: number, rural: boolean, muni: string): OrgName {
  const m = rural ? 'казённое' : 'бюджетное';
  const abbr = rural ? 'МК' : 'МБ';
  const where = ` (${muni})`;
  switch (kind) {
    case 'school': {
      const type = rng.weighted<[string, string]>([
        [['Средняя общеобразовательная школа', 'СОШ'], 75],
        [['Основная общеобразовательная школа', 'ООШ'], rural ? 18 : 4],
        [['Гимназия', 'Гимназия'], rural ? 0 : 8],
        [['Лицей', 'Лицей'], rural ? 0 : 6],
      ]);
      return {
        fullName: `Муниципальное ${m} общеобразовательное учреждение «${type[0]} № ${n}»${where}`,
        shortName: `${abbr}ОУ «${type[1]} № ${n}»`,
        profile: 'school',
      };
    }
    case 'preschool':
      return {
        fullName: `Муниципальное ${m} дошкольное образовательное учреждение «Детский сад № ${n}»${where}`,
        shortName: `${abbr}ДОУ «Детский сад № ${n}»`,
        profile: 'preschool',
      };
    case 'additional': {
      const sports = n % 2 === 1;
      const name = sports ? `Спортивная школа № ${Math.ceil(n / 2)}` : `Дом детского творчества № ${n / 2}`;
      return {
        fullName: `Муниципальное ${m} учреждение дополнительного образования «${name}»${where}`,
        shortName: `${abbr}У ДО «${sports ? `СШ № ${Math.ceil(n / 2)}` : `ДДТ № ${n / 2}`}»`,
        profile: sports ? 'sports' : 'arts',
      };
    }
    case 'vocational': {
      const name = VOCATIONAL_NAMES[(n - 1) % VOCATIONAL_NAMES.length]!;
      return {
        fullName: `Государственное бюджетное профессиональное образовательное учреждение «${name}»${where}`,
        shortName: `ГБПОУ «${name}»`,
        profile: 'vocational',
      };
    }
    case 'methodical_service':
      return {
        fullName: `Муниципальное казённое учреждение «Информационно-методический центр»${where}`,
        shortName: 'МКУ «ИМЦ»',
        profile: 'methodical',
      };
    case 'dpo':
      return {
        fullName: `Государственное автономное учреждение дополнительного профессионального образования «Институт развития образования»${where}`,
        shortName: 'ГАУ ДПО «ИРО»',
        profile: 'methodical',
      };
  }
}

/** Splits `total` in proportion to `weights`, each part at least `min` (largest remainders). */
export function allocate(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  if (total < min * n) throw new Error(`cannot give ${n} parts at least ${min} out of ${total}`);
  const free = total - min * n;
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  const exact = weights.map((w) => (w / sum) * free);
  const parts = exact.map((x) => Math.floor(x) + min);
  let left = total - parts.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k]!.i]! += 1;
  return parts;
}

/** A tax office code: the region's two digits and an inspection number per municipality. */
function taxOffice(regionCode: string, municipalityIndex: number): string {
  return regionCode.padStart(2, '0').slice(-2) + String((municipalityIndex % 99) + 1).padStart(2, '0');
}

/** Typical size (people) of an organisation of each kind: a weight, not a count. */
function sizeWeight(rng: Rng, kind: OrgKind, rural: boolean): number {
  const f = rural ? 0.55 : 1;
  switch (kind) {
    case 'school':
      return f * Math.exp(rng.normal(Math.log(34), 0.45));
    case 'preschool':
      return f * Math.exp(rng.normal(Math.log(22), 0.35));
    case 'additional':
      return Math.exp(rng.normal(Math.log(18), 0.35));
    case 'vocational':
      return Math.exp(rng.normal(Math.log(55), 0.3));
    default:
      return Math.exp(rng.normal(Math.log(7), 0.3));
  }
}

export function regionDatasetStream(opts: RegionOptions): DatasetStream {
  const seed = opts.seed ?? 1;
  const asOf = opts.asOf ?? today();
  const orgCount = opts.organizations;
  if (!Number.isInteger(orgCount) || orgCount < 1)
    throw new Error('organizations must be a positive integer');
  if (!Number.isInteger(opts.staff) || opts.staff < 2 * orgCount)
    throw new Error('staff must be an integer, at least two people per organisation');
  const rng = createRng(hashSeed(`region:${seed}:head`));
  const regionInfo = opts.region ?? DEFAULT_REGION;
  const region = { id: rng.uuid(), ...regionInfo };
  const muniCount = Math.max(1, Math.min(opts.municipalities ?? Math.round(orgCount / 50), orgCount));

  const municipalities: MunicipalityRow[] = [];
  for (let i = 0; i < muniCount; i++) {
    municipalities.push({
      id: rng.uuid(),
      code: `${regionInfo.code}${String(i + 1).padStart(3, '0')}000`,
      name: MUNICIPALITY_NAMES[i] ?? `Муниципальный округ № ${i + 1}`,
    });
  }
  // Bigger towns first: a gentle power law, every municipality at least one organisation.
  const perMuni = allocate(
    orgCount,
    municipalities.map((_, i) => 1 / (i + 1) ** 0.9),
    1,
  );

  const organizations: OrganizationRow[] = [];
  const plans: Omit<OrgPlan, 'pedMain' | 'managers' | 'externalOnly'>[] = [];
  const weights: number[] = [];
  const kindDeck = new Deck<OrgKind>(rng, [
    ['school', 47],
    ['preschool', 45],
    ['additional', 8],
  ]);
  municipalities.forEach((muni, mi) => {
    const count = perMuni[mi]!;
    const district = muni.name.includes('район');
    const kinds: OrgKind[] = [];
    if (count >= 10) kinds.push('methodical_service');
    const vocational = district ? 0 : Math.round(count * 0.02);
    for (let i = 0; i < vocational; i++) kinds.push('vocational');
    while (kinds.length < count) kinds.push(kindDeck.draw());
    const numbers = new Map<OrgKind, number>();
    kinds.forEach((kind, oi) => {
      const n = (numbers.get(kind) ?? 0) + 1;
      numbers.set(kind, n);
      const rural = district ? rng.chance(0.7) : rng.chance(0.05);
      const name = nameOrg(rng, kind, n, rural, muni.name);
      const code = `${regionInfo.code}-${String(mi + 1).padStart(2, '0')}-${String(oi + 1).padStart(4, '0')}`;
      const org: OrganizationRow = {
        id: rng.uuid(),
        municipalityId: muni.id,
        code,
        fullName: name.fullName,
        shortName: name.shortName,
        kind,
        rural,
        lowResults: kind === 'school' && rng.chance(rural ? 0.12 : 0.05),
        innovationPlatform: rng.chance(0.03) ? rng.pick(['federal', 'regional', 'municipal'] as const) : null,
        internshipPlatform: kind !== 'methodical_service' && rng.chance(0.02),
        mentoringRegulation: rng.chance(0.8),
        inn: makeOrgInn(taxOffice(regionInfo.code, mi), rng.int(0, 99_999)),
      };
      organizations.push(org);
      plans.push({
        org,
        profile: name.profile,
        emailDomain: `o${String(oi + 1).padStart(4, '0')}.m${String(mi + 1).padStart(2, '0')}.r${regionInfo.code}.demo`,
      });
      weights.push(sizeWeight(rng, kind, rural));
    });
  });
  const sizes = allocate(opts.staff, weights, 2);
  const split = createRng(hashSeed(`region:${seed}:split`));
  const fullPlans: OrgPlan[] = plans.map((p, i) => {
    const n = sizes[i]!;
    const managers = Math.max(1, Math.min(n - 1, Math.round(n * 0.105)));
    const externalOnly = Math.min(n - managers - 1, stochasticRound(split, n * 0.004));
    return { ...p, managers, externalOnly, pedMain: n - managers - externalOnly };
  });

  const staffSeed = hashSeed(`region:${seed}:staff`);
  const batches: Iterable<OrgBatch> = {
    *[Symbol.iterator]() {
      const gen = new StaffGenerator(staffSeed, asOf);
      for (const plan of fullPlans) {
        const g = gen.generateOrg(plan, { randomPartTime: true });
        gen.assignCategories(g.pedMain, CATEGORY_MIX, false);
        g.batch.vacancies.push(...gen.randomVacancies(plan));
        g.batch.staffing.push(...gen.staffing(plan.org, g.batch.employments));
        gen.offerMoonlighters(plan.org, g.pedMain, g.batch.employments);
        yield g.batch;
      }
    },
  };
  return { region, municipalities, organizations, batches };
}

/** The region in memory: fine for 50 000 staff; stream larger ones with regionDatasetStream. */
export function regionDataset(opts: RegionOptions): Dataset {
  return materialize(regionDatasetStream(opts));
}
