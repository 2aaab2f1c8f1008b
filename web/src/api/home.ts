/**
 * The home page's day's work: the caller's counts with links («Что сделать сегодня»). Read through
 * the typed client with its key from the key factory; it is read afresh each time the page opens,
 * since the work changes elsewhere (an answer sent, an item confirmed).
 */
import { useQuery } from '@tanstack/react-query';
import { type Answer, client, ok } from './client.ts';
import { keys } from './keys.ts';

export type HomeWork = Answer<'/api/home/work', 'get'>;
export type HomeWorkItem = HomeWork['items'][number];

export function useHomeWork() {
  return useQuery({
    queryKey: keys.homeWork.today,
    queryFn: () => ok(client.GET('/api/home/work')),
    staleTime: 0,
    refetchOnMount: 'always',
  });
}
