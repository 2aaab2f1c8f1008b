import { describe, expect, it } from 'vitest';
import { digestLetter, notificationLetter } from './mail.letters.ts';
import { compose, KIND_INFO, NOTIFICATION_KINDS, ruDate } from './notifications.kinds.ts';

describe('notification kinds', () => {
  it('every kind has a Russian label, description and a default', () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(KIND_INFO[kind].label).toMatch(/[А-Яа-я]/);
      expect(KIND_INFO[kind].description).toMatch(/[А-Яа-я]/);
      expect(['immediate', 'digest', 'off']).toContain(KIND_INFO[kind].email);
    }
  });

  it('dates read as in Russia, a campaign closing in the municipality’s time zone', () => {
    expect(ruDate('2030-03-08')).toBe('08.03.2030');
    // 18:00 UTC on 14 October is already 15 October in Irkutsk.
    const c = compose(
      'campaign_opened',
      { campaignName: 'Осень', closesAt: '2030-10-14T18:00:00Z' },
      'Asia/Irkutsk',
    );
    expect(c).toEqual({
      title: 'Открыта диагностика «Осень»',
      body: 'Вы включены в число участников. Пройдите диагностику до 15.10.2030 в разделе «Мой кабинет».',
      link: '/cabinet',
    });
  });

  it('each kind says what happened and links to the thing', () => {
    expect(compose('form_returned', { formTitle: 'Кадры', comment: null, submissionId: 's1' })).toMatchObject(
      { title: 'Форма «Кадры» возвращена на доработку', link: '/monitoring/my-forms/s1' },
    );
    expect(compose('route_agreed', { routeTitle: 'ИОМ', bothAgreed: false }).body).toBe(
      'Куратор согласовал маршрут «ИОМ». Согласуйте его и вы, чтобы начать.',
    );
    expect(
      compose('item_awaiting_confirmation', {
        teacherName: 'Петрова Мария',
        itemTitle: 'Курс',
        routeId: 'r1',
      }),
    ).toMatchObject({ title: 'Мероприятие «Курс» ждёт подтверждения', link: '/routes/r1' });
    expect(compose('deadline_soon', { what: 'item', title: 'Открытый урок', dueOn: '2030-03-13' })).toEqual({
      title: 'Через 3 дня срок мероприятия «Открытый урок»',
      body: 'Мероприятие вашего маршрута запланировано до 13.03.2030. Отметьте выполнение, когда закончите.',
      link: '/my/route',
    });
  });
});

describe('letters', () => {
  const item = {
    title: 'Назначена форма «Кадры»',
    body: 'Заполните форму.',
    link: '/monitoring/my-forms/s1',
  };

  it('a notification letter greets, says what and where, and how to change what comes', () => {
    const letter = notificationLetter(item, 'Иванова Мария Петровна', 'https://m.example.ru/');
    expect(letter.subject).toBe('Маршрут: Назначена форма «Кадры»');
    expect(letter.text).toContain('Здравствуйте, Иванова Мария Петровна!');
    expect(letter.text).toContain('Открыть: https://m.example.ru/monitoring/my-forms/s1');
    expect(letter.text).toContain('https://m.example.ru/notifications');
  });

  it('without a public address the letter names the page instead of a broken link', () => {
    const letter = notificationLetter(item, 'Иванова', null);
    expect(letter.text).not.toContain('Открыть:');
    expect(letter.text).toContain('на странице «Уведомления»');
  });

  it('the digest numbers the day’s notifications in one letter', () => {
    const letter = digestLetter([item, { ...item, title: 'Второе' }], 'Иванова', '2030-03-10', null);
    expect(letter.subject).toBe('Маршрут: сводка уведомлений за 10.03.2030 (2)');
    expect(letter.text).toContain('1. Назначена форма «Кадры»');
    expect(letter.text).toContain('2. Второе');
  });
});
