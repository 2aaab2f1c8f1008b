import type { AnswerValue, Evidence } from '../scoring.ts';

/** Russian words of the cards' statuses and answers, as the XLSX and the DOCX print them. */
export const REVIEW_LABELS: Record<string, string> = {
  pending: 'не проверен',
  accepted: 'принят',
  changed: 'баллы изменены',
  returned: 'возвращён на доработку',
  corrected: 'исправлен',
};

export const CARD_STATUS_LABELS: Record<string, string> = {
  draft: 'заполняется',
  submitted: 'сдана',
  returned: 'возвращена на доработку',
  verified: 'проверена',
};

const TERRITORY = { municipal: 'муниципальный', regional: 'региональный', federal: 'федеральный' } as const;

/** The head's answer in words: «да», «3 из 4 (75 %)», «региональный, федеральный». */
export function valueText(value: AnswerValue | null): string {
  if (!value) return '';
  switch (value.kind) {
    case 'fact':
      return value.present ? 'да' : 'нет';
    case 'count':
      return String(value.count);
    case 'share':
      return value.whole > 0
        ? `${value.part} из ${value.whole} (${String(Math.round((value.part / value.whole) * 1000) / 10).replace('.', ',')} %)`
        : `${value.part} из ${value.whole}`;
    case 'choice':
      return `вариант ${value.option + 1}`;
    case 'levels':
      return value.levels.length ? value.levels.map((l) => TERRITORY[l]).join(', ') : 'нет';
  }
}

/** A link or a stored file, with the address a reader opens (files under `/api/files/:id`). */
export function evidenceLink(e: Evidence, baseUrl = ''): { title: string; url: string } {
  if (e.kind === 'link') return { title: e.title || e.url, url: e.url };
  return { title: e.name, url: `${baseUrl.replace(/\/$/, '')}/api/files/${e.fileId}` };
}

export const ruNumber = (n: number) => String(n).replace('.', ',');
export const ruDay = (iso: string | null) =>
  iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '';
