import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

/** An empty list that says what to do next. */
export function Empty({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <EmptyState title={title} description={description} py="xl" role="status">
      {actions && <EmptyState.Actions>{actions}</EmptyState.Actions>}
    </EmptyState>
  );
}
