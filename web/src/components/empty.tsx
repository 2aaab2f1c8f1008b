import { Button, EmptyState, Paper } from '@mantine/core';
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

/**
 * A list with nothing to show: either the filters leave nothing (offer to reset them) or there is
 * nothing yet (say how to fill it).
 */
export function ListEmpty({
  filtered,
  onClear,
  filteredTitle,
  filteredHint,
  title,
  description,
  actions,
}: {
  filtered: boolean;
  onClear: () => void;
  filteredTitle: string;
  filteredHint: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Paper withBorder>
      {filtered ? (
        <Empty
          title={filteredTitle}
          description={filteredHint}
          actions={
            <Button variant="light" onClick={onClear}>
              Сбросить фильтры
            </Button>
          }
        />
      ) : (
        <Empty title={title} description={description} actions={actions} />
      )}
    </Paper>
  );
}
