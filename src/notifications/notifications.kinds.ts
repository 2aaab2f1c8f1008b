import { today } from '../platform/time/today.ts';

/**
 * The kinds of notification, what each one says and where it links — pure, no database. A kind is
 * the unit of a user's preferences: in the app every notification appears; by e-mail each kind
 * comes at once, in the daily digest or not at all, by the user's choice or the kind's default.
 */

export const NOTIFICATION_KINDS = [
  'campaign_opened',
  'campaign_reminder',
  'form_assigned',
  'form_returned',
  'form_overdue',
  'route_agreed',
  'route_returned',
  'item_awaiting_confirmation',
  'item_attended',
  'deadline_soon',
  'event_reminder',
  'event_registration',
  'support_followup',
  'material_moderated',
  'mentorship_opened',
  'expert_card_deadline',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EMAIL_DELIVERIES = ['immediate', 'digest', 'off'] as const;
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];

export const EMAIL_DELIVERY_LABELS: Record<EmailDelivery, string> = {
  immediate: 'Сразу',
  digest: 'В ежедневной сводке',
  off: 'Не присылать',
};

export interface KindInfo {
  label: string;
  /** Who gets it and when, for the preferences page. */
  description: string;
  /** E-mail delivery when the user has not chosen: what needs action comes at once. */
  email: EmailDelivery;
}

export const KIND_INFO: Record<NotificationKind, KindInfo> = {
  campaign_opened: {
    label: 'Открыта диагностика',
    description: 'Вас включили в число участников кампании диагностики.',
    email: 'immediate',
  },
  campaign_reminder: {
    label: 'Напоминание о диагностике',
    description: 'Методист напоминает пройти диагностику, которую вы ещё не начали.',
    email: 'immediate',
  },
  form_assigned: {
    label: 'Назначена форма сбора данных',
    description: 'Вашей организации назначена форма, её нужно заполнить к сроку.',
    email: 'immediate',
  },
  form_returned: {
    label: 'Форма возвращена на доработку',
    description: 'Методист вернул ответ вашей организации с комментарием.',
    email: 'immediate',
  },
  form_overdue: {
    label: 'Срок формы прошёл',
    description: 'Форма вашей организации не отправлена, хотя срок уже прошёл.',
    email: 'immediate',
  },
  route_agreed: {
    label: 'Маршрут согласован куратором',
    description: 'Куратор согласовал ваш индивидуальный образовательный маршрут.',
    email: 'digest',
  },
  route_returned: {
    label: 'Мероприятие маршрута возвращено',
    description: 'Куратор вернул выполненное мероприятие вашего маршрута на доработку.',
    email: 'immediate',
  },
  item_awaiting_confirmation: {
    label: 'Мероприятие ждёт подтверждения',
    description: 'Педагог, чей маршрут вы курируете, отметил мероприятие выполненным.',
    email: 'digest',
  },
  item_attended: {
    label: 'Мероприятие маршрута закрыто по присутствию',
    description:
      'Педагог, чей маршрут вы курируете, посетил мероприятие маршрута: организатор отметил присутствие, выдан сертификат.',
    email: 'digest',
  },
  deadline_soon: {
    label: 'Срок через 3 дня',
    description: 'Через три дня срок формы вашей организации или мероприятия вашего маршрута.',
    email: 'immediate',
  },
  event_reminder: {
    label: 'Напоминание о мероприятии',
    description:
      'Накануне мероприятия, на которое вы зарегистрированы, и за час до начала, если у него указано время.',
    email: 'immediate',
  },
  event_registration: {
    label: 'Регистрация на мероприятие',
    description:
      'Руководитель направил вас на мероприятие, освободилось место из листа ожидания, организатор подтвердил или отклонил заявку.',
    email: 'immediate',
  },
  // Off by mail unless the teacher asks: a letter lies in the admin's mail log, and it would tell
  // who has a support plan.
  support_followup: {
    label: 'Повторный опросник по плану поддержки',
    description: 'Подошёл срок повторного опросника по вашему плану поддержки.',
    email: 'off',
  },
  expert_card_deadline: {
    label: 'Сроки экспертной карты',
    description:
      'Руководителю — за 3 дня до срока заполнения карты и после него, пока карта не отправлена; эксперту — за 3 дня до конца проверки.',
    email: 'immediate',
  },
  material_moderated: {
    label: 'Решение по материалу банка практик',
    description:
      'Методический совет опубликовал ваш материал в банке практик или вернул его на доработку с причиной.',
    email: 'immediate',
  },
  mentorship_opened: {
    label: 'Открыто наставничество',
    description: 'Руководитель школы открыл наставничество, где вы наставник или наставляемый.',
    email: 'immediate',
  },
};

/** What the repository finds about each recipient, by kind (facts of the thing, as of now). */
export interface KindFacts {
  campaign_opened: { campaignName: string; closesAt: string };
  campaign_reminder: { campaignName: string; closesAt: string };
  form_assigned: { formTitle: string; dueOn: string; organizationName: string; submissionId: string };
  form_returned: { formTitle: string; comment: string | null; submissionId: string };
  form_overdue: { formTitle: string; dueOn: string; submissionId: string };
  route_agreed: { routeTitle: string; bothAgreed: boolean };
  route_returned: { routeTitle: string; itemTitle: string; comment: string };
  item_awaiting_confirmation: { teacherName: string; itemTitle: string; routeId: string };
  item_attended: { teacherName: string; itemTitle: string; routeId: string; serial: string };
  deadline_soon:
    | { what: 'form'; title: string; dueOn: string; submissionId: string }
    | { what: 'item'; title: string; dueOn: string };
  event_reminder: {
    eventId: string;
    title: string;
    kindName: string;
    startsOn: string;
    endsOn: string | null;
    /** 'HH:MM' of a timed event. */
    startTime?: string | null;
    /** true: the hour-before reminder; false: the day before. */
    soon?: boolean;
    place: string | null;
    onlineUrl: string | null;
  };
  event_registration: {
    eventId: string;
    title: string;
    startsOn: string | null;
    change: 'nominated' | 'promoted' | 'confirmed' | 'rejected';
    /** The registration's status now: a promotion may still await the organizer. */
    status: 'pending' | 'confirmed' | 'waitlisted' | 'cancelled' | 'rejected';
  };
  support_followup: { dueOn: string };
  material_moderated: { materialId: string; title: string; published: boolean; reason: string | null };
  mentorship_opened: {
    mentorshipId: string;
    /** Who the recipient is in the pair. */
    role: 'mentor' | 'mentee';
    mentorName: string;
    menteeNames: string[];
    programName: string;
    startedOn: string;
  };
  expert_card_deadline: {
    cardId: string;
    organizationName: string;
    campaignTitle: string;
    dueOn: string;
    who: 'head' | 'expert';
    overdue: boolean;
  };
}

export interface Composed {
  title: string;
  body: string;
  /** A path of the web app; null when there is nothing to open. */
  link: string | null;
}

/** 'YYYY-MM-DD' → '15.10.2026'. */
export function ruDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** A timestamp as the date it falls on where the platform's people are. */
const localDate = (timestamp: string, timeZone?: string) => ruDate(today(new Date(timestamp), timeZone));

/** The notification's Russian title and text, and the page it leads to. */
export function compose<K extends NotificationKind>(
  kind: K,
  facts: KindFacts[K],
  timeZone?: string,
): Composed {
  const f = facts as KindFacts[NotificationKind];
  switch (kind) {
    case 'campaign_opened': {
      const c = f as KindFacts['campaign_opened'];
      return {
        title: `Открыта диагностика «${c.campaignName}»`,
        body: `Вы включены в число участников. Пройдите диагностику до ${localDate(c.closesAt, timeZone)} в разделе «Мой кабинет».`,
        link: '/cabinet',
      };
    }
    case 'campaign_reminder': {
      const c = f as KindFacts['campaign_reminder'];
      return {
        title: `Напоминание: диагностика «${c.campaignName}»`,
        body: `Вы ещё не начали диагностику. Пройдите её до ${localDate(c.closesAt, timeZone)} в разделе «Мой кабинет».`,
        link: '/cabinet',
      };
    }
    case 'form_assigned': {
      const a = f as KindFacts['form_assigned'];
      return {
        title: `Назначена форма «${a.formTitle}»`,
        body: `Организация: ${a.organizationName}. Заполните и отправьте форму до ${ruDate(a.dueOn)}.`,
        link: `/monitoring/my-forms/${a.submissionId}`,
      };
    }
    case 'form_returned': {
      const r = f as KindFacts['form_returned'];
      return {
        title: `Форма «${r.formTitle}» возвращена на доработку`,
        body: r.comment
          ? `Методист вернул ответ с комментарием: «${r.comment}». Исправьте и отправьте форму снова.`
          : 'Методист вернул ответ на доработку. Исправьте и отправьте форму снова.',
        link: `/monitoring/my-forms/${r.submissionId}`,
      };
    }
    case 'form_overdue': {
      const o = f as KindFacts['form_overdue'];
      return {
        title: `Срок формы «${o.formTitle}» прошёл`,
        body: `Форму нужно было отправить до ${ruDate(o.dueOn)}. Заполните и отправьте её как можно скорее.`,
        link: `/monitoring/my-forms/${o.submissionId}`,
      };
    }
    case 'route_agreed': {
      const r = f as KindFacts['route_agreed'];
      return {
        title: 'Куратор согласовал ваш маршрут',
        body: r.bothAgreed
          ? `Маршрут «${r.routeTitle}» согласован вами и куратором: его можно начинать.`
          : `Куратор согласовал маршрут «${r.routeTitle}». Согласуйте его и вы, чтобы начать.`,
        link: '/my/route',
      };
    }
    case 'route_returned': {
      const r = f as KindFacts['route_returned'];
      return {
        title: `Мероприятие «${r.itemTitle}» возвращено на доработку`,
        body: r.comment
          ? `Куратор вернул мероприятие маршрута «${r.routeTitle}»: «${r.comment}».`
          : `Куратор вернул мероприятие маршрута «${r.routeTitle}» на доработку.`,
        link: '/my/route',
      };
    }
    case 'item_awaiting_confirmation': {
      const i = f as KindFacts['item_awaiting_confirmation'];
      return {
        title: `Мероприятие «${i.itemTitle}» ждёт подтверждения`,
        body: `${i.teacherName} отметил(а) мероприятие выполненным. Проверьте подтверждающие материалы и подтвердите выполнение или верните на доработку.`,
        link: `/routes/${i.routeId}`,
      };
    }
    case 'item_attended': {
      const i = f as KindFacts['item_attended'];
      return {
        title: `Мероприятие «${i.itemTitle}» выполнено`,
        body: `${i.teacherName} посетил(а) мероприятие маршрута: организатор отметил присутствие, выдан сертификат № ${i.serial}. Выполнение подтверждено автоматически.`,
        link: `/routes/${i.routeId}`,
      };
    }
    case 'deadline_soon': {
      const d = f as KindFacts['deadline_soon'];
      return d.what === 'form'
        ? {
            title: `Через 3 дня срок формы «${d.title}»`,
            body: `Форму нужно отправить до ${ruDate(d.dueOn)}.`,
            link: `/monitoring/my-forms/${d.submissionId}`,
          }
        : {
            title: `Через 3 дня срок мероприятия «${d.title}»`,
            body: `Мероприятие вашего маршрута запланировано до ${ruDate(d.dueOn)}. Отметьте выполнение, когда закончите.`,
            link: '/my/route',
          };
    }
    case 'event_reminder': {
      const e = f as KindFacts['event_reminder'];
      const days = e.endsOn && e.endsOn !== e.startsOn ? ` (до ${ruDate(e.endsOn)})` : '';
      const where = e.place ? ` Место: ${e.place}.` : e.onlineUrl ? ` Ссылка: ${e.onlineUrl}` : '';
      const at = e.startTime ? ` в ${e.startTime}` : '';
      return {
        title: e.soon ? `Через час: «${e.title}»` : `Завтра: «${e.title}»`,
        body: `Вы зарегистрированы на мероприятие «${e.title}» (${e.kindName}): ${ruDate(e.startsOn)}${at}${days}.${where}`,
        link: `/events/${e.eventId}`,
      };
    }
    case 'event_registration': {
      const e = f as KindFacts['event_registration'];
      const when = e.startsOn ? ` Дата: ${ruDate(e.startsOn)}.` : '';
      const link = `/events/${e.eventId}`;
      const awaits = e.status === 'pending' ? ': заявку подтвердит организатор' : '';
      switch (e.change) {
        case 'nominated':
          return {
            title: `Вас направили на мероприятие «${e.title}»`,
            body: `Руководитель организации зарегистрировал вас${e.status === 'waitlisted' ? ' в лист ожидания' : awaits}.${when}`,
            link,
          };
        case 'promoted':
          return {
            title: `Освободилось место: «${e.title}»`,
            body: `Вы переведены из листа ожидания${awaits || ' и зарегистрированы'}.${when}`,
            link,
          };
        case 'confirmed':
          return {
            title: `Заявка подтверждена: «${e.title}»`,
            body: `Организатор подтвердил вашу регистрацию.${when}`,
            link,
          };
        case 'rejected':
          return {
            title: `Заявка отклонена: «${e.title}»`,
            body: 'Организатор отклонил вашу заявку на мероприятие.',
            link,
          };
      }
      break;
    }
    case 'support_followup': {
      const d = f as KindFacts['support_followup'];
      return {
        title: 'Пора пройти опросник повторно',
        body: `С ${ruDate(d.dueOn)} подошёл срок повторного опросника по вашему плану поддержки. Пройдите его в разделе «Мой кабинет», когда его откроют, или обратитесь к педагогу-психологу школы.`,
        link: '/my/support',
      };
    }
    case 'expert_card_deadline': {
      const e = f as KindFacts['expert_card_deadline'];
      if (e.who === 'expert')
        return {
          title: `Проверьте экспертную карту: ${e.organizationName}`,
          body: `В карте есть непроверенные показатели. Проверка «${e.campaignTitle}» заканчивается ${ruDate(e.dueOn)}.`,
          link: `/expert-cards/cards/${e.cardId}`,
        };
      return e.overdue
        ? {
            title: 'Срок заполнения экспертной карты прошёл',
            body: `Карту «${e.campaignTitle}» нужно было отправить до ${ruDate(e.dueOn)}. Обратитесь к методисту, чтобы её открыли снова.`,
            link: `/expert-cards/cards/${e.cardId}`,
          }
        : {
            title: `Заполните экспертную карту до ${ruDate(e.dueOn)}`,
            body: `Карта «${e.campaignTitle}» организации ${e.organizationName} ещё не отправлена.`,
            link: `/expert-cards/cards/${e.cardId}`,
          };
    }
    case 'material_moderated': {
      const m = f as KindFacts['material_moderated'];
      return m.published
        ? {
            title: `Материал «${m.title}» опубликован в банке практик`,
            body: 'Методический совет одобрил материал: теперь его видят и используют педагоги региона.',
            link: `/practices/${m.materialId}`,
          }
        : {
            title: `Материал «${m.title}» возвращён на доработку`,
            body: `Причина: «${m.reason ?? ''}». Исправьте материал в разделе «Мои материалы» и отправьте на модерацию снова.`,
            link: `/practices/${m.materialId}`,
          };
    }
    case 'mentorship_opened': {
      const m = f as KindFacts['mentorship_opened'];
      const since = `с ${ruDate(m.startedOn)}`;
      return m.role === 'mentor'
        ? {
            title: `Вы наставник: ${m.menteeNames.join(', ')}`,
            body: `Открыто наставничество ${since} в программе «${m.programName}». Составьте план работы с наставляемым в разделе «Моё наставничество».`,
            link: '/my/mentoring',
          }
        : {
            title: `Ваш наставник — ${m.mentorName}`,
            body: `Открыто наставничество ${since} в программе «${m.programName}». План и цели — в разделе «Моё наставничество».`,
            link: '/my/mentoring',
          };
    }
    default:
      throw new Error(`compose: unknown notification kind ${String(kind)}`);
  }
}

export const isNotificationKind = (k: string): k is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(k);
