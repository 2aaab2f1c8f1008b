import { listRegionMunicipalityRecords } from '../../directory/territories/territories.repository.ts';
import {
  ensureMunicipalities,
  ensureRegion,
  findRegionByRef,
} from '../../directory/territories/territories.service.ts';
import { ROLE_LABELS, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { findUserByEmail } from '../../platform/auth/auth.repository.ts';
import { loadConfig } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { normName } from '../../platform/import/cells.ts';
import { createUser } from '../../platform/users/users.service.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';

export interface SetupOptions {
  region: string;
  regionCode?: string | undefined;
  municipality: string[];
  methodistEmail?: string | undefined;
  methodistName?: string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const ruDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

/** Where the server answers, for the invitation link the command prints. */
export function serverOrigin(): string {
  const c = loadConfig();
  const host = c.host === '0.0.0.0' || c.host === '::' ? 'localhost' : c.host;
  return `http://${host}:${c.port}`;
}

/** `--region` of the import: the region of that name or code, created if missing (organizations). */
export async function regionForImport(
  db: Db,
  ref: string,
  opts: { create: boolean; code?: string | undefined },
): Promise<{ id: string; code: string; name: string; created: boolean }> {
  const found = await findRegionByRef({ db }, ref);
  if (found) return { ...found, created: false };
  if (!opts.create)
    throw new CliError(
      `Регион «${ref}» не найден. Создайте его: marshrut setup --region "${ref}" (или загрузите организации с --region).`,
    );
  const { region } = await ensureRegion({ db }, SYSTEM_ACTOR, { name: ref, code: opts.code });
  return { ...region, created: true };
}

/**
 * `marshrut setup`: the region, its municipalities and the first methodist of an installation that
 * starts with its own data. Running it again reports what is there and creates nothing twice.
 */
export async function setupCommand(io: CliIo, opts: SetupOptions): Promise<number> {
  const regionName = opts.region.trim().replace(/\s+/g, ' ');
  if (regionName.length < 2) throw new CliError('Укажите название региона: --region "Иркутская область".');
  const names = opts.municipality.map((m) => m.trim().replace(/\s+/g, ' ')).filter(Boolean);
  const short = names.find((n) => n.length < 2);
  if (short !== undefined) throw new CliError(`Слишком короткое название муниципалитета: «${short}».`);
  const email = opts.methodistEmail?.trim();
  if (email !== undefined && !EMAIL.test(email))
    throw new CliError(`Неверный адрес электронной почты методиста: «${email}».`);

  return withDatabase(
    'setup',
    io,
    async (db) => {
      try {
        const { region, created } = await ensureRegion({ db }, SYSTEM_ACTOR, {
          name: regionName,
          code: opts.regionCode,
        });
        io.out(
          created
            ? `Регион «${region.name}» создан (код ${region.code}).`
            : `Регион «${region.name}» уже есть (код ${region.code}).`,
        );
        let firstMunicipality: { id: string; name: string } | null = null;
        if (names.length) {
          const result = await ensureMunicipalities({ db }, SYSTEM_ACTOR, { regionId: region.id, names });
          const isNew = new Set(result.created.map((m) => m.id));
          const all = new Map([...result.created, ...result.existing].map((m) => [normName(m.name), m]));
          const printed = new Set<string>();
          // In the order given on the command line, each once.
          for (const n of names) {
            const m = all.get(normName(n));
            if (!m || printed.has(m.id)) continue;
            printed.add(m.id);
            firstMunicipality ??= m;
            io.out(
              isNew.has(m.id) ? `Муниципалитет «${m.name}» добавлен.` : `Муниципалитет «${m.name}» уже есть.`,
            );
          }
        }
        if (email)
          await ensureMethodist(db, io, { email, name: opts.methodistName, region, firstMunicipality });
      } catch (err) {
        if (err instanceof AppError) throw new CliError(err.message);
        throw err;
      }
      io.out('');
      io.out('Дальше загрузите реестр — по порядку, каждый файл по шаблону со страницы «Импорт»:');
      io.out(
        '  marshrut import orgs организации.xlsx       — организации (муниципалитеты из файла добавятся сами);',
      );
      io.out('  marshrut import staff кадры.xlsx            — педагогические кадры;');
      io.out('  marshrut import vacancies вакансии.xlsx     — вакансии;');
      io.out('  marshrut import staffing штатное.xlsx       — штатное расписание.');
      return 0;
    },
    { migrate: true },
  );
}

async function ensureMethodist(
  db: Db,
  io: CliIo,
  p: {
    email: string;
    name: string | undefined;
    region: { id: string };
    firstMunicipality: { id: string; name: string } | null;
  },
): Promise<void> {
  const existing = await findUserByEmail(db, p.email);
  if (existing) {
    io.out(`Учётная запись ${p.email} уже есть (${ROLE_LABELS[existing.role]}) — не изменена.`);
    return;
  }
  let municipality = p.firstMunicipality;
  if (!municipality) {
    // Without --municipality: the region's only one.
    const all = await listRegionMunicipalityRecords(db, p.region.id);
    if (all.length === 1) municipality = all[0]!;
  }
  if (!municipality) throw new CliError('Укажите муниципалитет методиста: --municipality "г. Зима".');
  const user = await createUser({ db }, SYSTEM_ACTOR, {
    email: p.email,
    fullName: p.name?.trim() || 'Методист',
    role: 'municipal_methodist',
    regionId: p.region.id,
    municipalityId: municipality.id,
    organizationId: null,
    personId: null,
  });
  io.out(`Создан методист ${p.email} (муниципалитет «${municipality.name}»).`);
  io.out(
    `Ссылка для установки пароля (действует до ${ruDate(user.expiresAt)}): ${serverOrigin()}${user.link}`,
  );
}
