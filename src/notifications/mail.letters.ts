import { ruDate } from './notifications.kinds.ts';

/**
 * The letters — pure: a notification's letter and the daily digest, as plain Russian text. The
 * link of a notification becomes an address when the deployment says where it is served
 * (MARSHRUT_PUBLIC_URL); otherwise the letter names the page to open.
 */

export interface Letter {
  subject: string;
  text: string;
}

export interface LetterItem {
  title: string;
  body: string;
  link: string | null;
}

const FOOTER = 'Письмо отправлено платформой «Маршрут». Отвечать на него не нужно.';

function where(link: string | null, publicUrl: string | null): string | null {
  if (!link) return null;
  return publicUrl ? `Открыть: ${publicUrl.replace(/\/+$/, '')}${link}` : null;
}

function settings(publicUrl: string | null): string {
  return publicUrl
    ? `Настроить, какие уведомления приходят на почту: ${publicUrl.replace(/\/+$/, '')}/notifications`
    : 'Настроить, какие уведомления приходят на почту, можно на странице «Уведомления» в Маршруте.';
}

const greeting = (fullName: string) => `Здравствуйте, ${fullName}!`;

export function notificationLetter(item: LetterItem, fullName: string, publicUrl: string | null): Letter {
  const open = where(item.link, publicUrl);
  return {
    subject: `Маршрут: ${item.title}`,
    text: [
      greeting(fullName),
      '',
      item.title,
      item.body,
      ...(open ? ['', open] : []),
      '',
      '—',
      settings(publicUrl),
      FOOTER,
      '',
    ].join('\n'),
  };
}

/** One letter with the day's notifications of a user who chose the digest. */
export function digestLetter(
  items: LetterItem[],
  fullName: string,
  date: string,
  publicUrl: string | null,
): Letter {
  const lines = items.flatMap((item, i) => {
    const open = where(item.link, publicUrl);
    return [`${i + 1}. ${item.title}`, `   ${item.body}`, ...(open ? [`   ${open}`] : []), ''];
  });
  return {
    subject: `Маршрут: сводка уведомлений за ${ruDate(date)} (${items.length})`,
    text: [
      greeting(fullName),
      '',
      `Новые уведомления (${items.length}):`,
      '',
      ...lines,
      '—',
      settings(publicUrl),
      FOOTER,
      '',
    ].join('\n'),
  };
}
