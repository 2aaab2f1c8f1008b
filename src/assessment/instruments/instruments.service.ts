import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { can, newRecordOwner, type OwnedRow } from '../assessment.policy.ts';
import { lockPreset, municipalityRegion } from '../assessment.repository.ts';
import { findFramework, frameworkCodes } from '../frameworks/frameworks.repository.ts';
import { ensureFrameworkPreset } from '../frameworks/frameworks.service.ts';
import { competencyCodesOf, contentIssues, type InstrumentContent, type InstrumentKind } from './content.ts';
import {
  instrumentDocument,
  presentInstrumentCard,
  presentInstrumentSummary,
} from './instruments.presenter.ts';
import {
  findInstrument,
  findSystemInstrumentByCode,
  insertInstrument,
  listInstruments,
  replaceInstrument,
} from './instruments.repository.ts';
import { INSTRUMENT_PRESETS } from './presets.ts';

export interface InstrumentInput {
  code: string;
  name: string;
  kind: InstrumentKind;
  frameworkId?: string | null | undefined;
  content: InstrumentContent;
}

export async function listInstrumentSummaries(
  db: Db,
  actor: Actor,
  f: { kind?: InstrumentKind | undefined },
) {
  return (await listInstruments(db, actor, f)).map((r) => presentInstrumentSummary(actor, r));
}

/** The card; the keys (correct options, points, reverse keying, scales) only for those who build instruments. */
export async function getInstrument(db: Db, actor: Actor, id: string) {
  const r = await findInstrument(db, actor, id);
  if (!r) throw notFound('Методика не найдена или недоступна.');
  return presentInstrumentCard(actor, r);
}

/** Validates content against its kind and the framework; 422 lists what is wrong in Russian. */
async function validate(db: Db, actor: Actor, input: InstrumentInput): Promise<string | null> {
  const issues = contentIssues(input.kind, input.content);
  if (issues.length) throw invalid('Проверьте содержание методики.', issues);
  const codes = competencyCodesOf(input.content);
  const frameworkId = input.frameworkId ?? null;
  if (!frameworkId) {
    if (codes.length)
      throw invalid('Вопросы привязаны к компетенциям: укажите карту компетенций.', [
        { path: 'frameworkId', message: 'Укажите карту компетенций' },
      ]);
    return null;
  }
  const fw = await findFramework(db, actor, frameworkId);
  if (!fw)
    throw invalid('Карта компетенций не найдена или недоступна.', [
      { path: 'frameworkId', message: 'Нет такой карты компетенций' },
    ]);
  const known = new Set(await frameworkCodes(db, fw.id));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) {
    const itemIssues = input.content.items.flatMap((item, i) =>
      item.competencyCode && !known.has(item.competencyCode)
        ? [
            {
              path: `content.items.${i}.competencyCode`,
              message: `Компетенции «${item.competencyCode}» нет в карте компетенций`,
            },
          ]
        : [],
    );
    throw invalid(
      `В карте компетенций «${fw.name}» нет компетенций с кодами: ${unknown.join(', ')}.`,
      itemIssues,
    );
  }
  return fw.id;
}

async function ownerForNew(
  db: Db,
  actor: Actor,
): Promise<{ ownerLevel: OwnedRow['owner_level']; regionId: string | null; municipalityId: string | null }> {
  const owner = newRecordOwner(actor);
  if (!owner || owner.level === 'organization') throw forbidden();
  if (owner.level === 'region')
    return { ownerLevel: 'region', regionId: owner.regionId, municipalityId: null };
  if (owner.level === 'municipality') {
    return {
      ownerLevel: 'municipality',
      regionId: await municipalityRegion(db, owner.municipalityId),
      municipalityId: owner.municipalityId,
    };
  }
  return { ownerLevel: 'system', regionId: null, municipalityId: null };
}

export async function createInstrument(db: Db, actor: Actor, input: InstrumentInput): Promise<string> {
  if (!can(actor, 'create', 'instrument')) throw forbidden();
  const frameworkId = await validate(db, actor, input);
  const owner = await ownerForNew(db, actor);
  return db.transaction(async (tx) => {
    const id = await insertInstrument(tx, { ...input, frameworkId, ...owner });
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'instrument',
      entityId: id,
      after: { code: input.code, name: input.name, kind: input.kind, frameworkId, ...owner, version: 1 },
    });
    return id;
  });
}

export async function updateInstrument(
  db: Db,
  actor: Actor,
  id: string,
  input: InstrumentInput,
): Promise<void> {
  const r = await findInstrument(db, actor, id);
  if (!r) throw notFound('Методика не найдена или недоступна.');
  if (!can(actor, 'update', { instrument: r }))
    throw forbidden('Недостаточно прав для изменения этой методики.');
  const frameworkId = await validate(db, actor, input);
  await db.transaction(async (tx) => {
    const version = await replaceInstrument(tx, id, { ...input, frameworkId });
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'instrument',
      entityId: id,
      // The whole previous content is kept here: attempts pin a version, the table holds only the latest.
      before: {
        code: r.code,
        name: r.name,
        kind: r.kind,
        frameworkId: r.framework_id,
        version: r.version,
        content: r.content,
      },
      after: {
        code: input.code,
        name: input.name,
        kind: input.kind,
        frameworkId,
        version,
        content: input.content,
      },
    });
  });
}

/** The instrument with its keys as a JSON document; editors only, and logged. */
export async function exportInstrument(db: Db, actor: Actor, id: string) {
  if (!can(actor, 'export', 'instruments')) throw forbidden();
  const r = await findInstrument(db, actor, id);
  if (!r) throw notFound('Методика не найдена или недоступна.');
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'instrument',
    entityId: id,
    details: { version: r.version },
  });
  return { fileName: `${r.code}-v${r.version}.json`, document: instrumentDocument(r) };
}

/** Loads a system instrument preset once (and the framework preset it refers to). */
export async function loadInstrumentPreset(
  db: Db,
  actor: Actor,
  code: string,
): Promise<{ id: string; created: boolean }> {
  if (!can(actor, 'create', 'instrument')) throw forbidden();
  const preset = INSTRUMENT_PRESETS[code];
  if (!preset) throw notFound(`Нет готовой методики с кодом «${code}».`);
  const frameworkId = preset.frameworkCode
    ? (await ensureFrameworkPreset(db, actor, preset.frameworkCode)).id
    : null;
  return db.transaction(async (tx) => {
    await lockPreset(tx, `instrument-preset:${code}`);
    const existing = await findSystemInstrumentByCode(tx, code);
    if (existing) return { id: existing.id, created: false };
    const id = await insertInstrument(tx, {
      code: preset.code,
      name: preset.name,
      kind: preset.kind,
      frameworkId,
      ownerLevel: 'system',
      regionId: null,
      municipalityId: null,
      content: preset.content,
    });
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'instrument',
      entityId: id,
      after: { preset: code },
    });
    return { id, created: true };
  });
}
