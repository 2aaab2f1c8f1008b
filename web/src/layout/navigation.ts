import type { Me } from '../api/types.ts';
import { seesRegistry } from '../auth/session.tsx';

export interface NavItem {
  label: string;
  to: string;
  /** Sub-items shown under a group heading. */
  children?: NavItem[];
}

/** The left menu for a role: a teacher sees their own card, managers the registry, the admin everything. */
export function navigationFor(me: Me): NavItem[] {
  const items: NavItem[] = [{ label: 'Главная', to: '/' }];
  if (me.role === 'teacher') {
    if (me.personId) items.push({ label: 'Моя карточка', to: `/people/${me.personId}` });
  } else if (seesRegistry(me)) {
    if (me.role !== 'curator') items.push({ label: 'Организации', to: '/organizations' });
    items.push({ label: 'Педагогические кадры', to: '/staff' });
    if (me.role !== 'curator') {
      items.push({ label: 'Вакансии', to: '/vacancies' });
      items.push({ label: 'Штатное расписание', to: '/staffing' });
    }
    if (me.canManageRegistry) items.push({ label: 'Импорт', to: '/import' });
  }
  if (me.role === 'admin') {
    items.push({
      label: 'Администрирование',
      to: '/admin',
      children: [
        { label: 'Пользователи', to: '/admin/users' },
        { label: 'Журнал аудита', to: '/admin/audit' },
        { label: 'Настройки', to: '/admin/settings' },
      ],
    });
  }
  items.push({ label: 'Профиль', to: '/profile' });
  return items;
}
