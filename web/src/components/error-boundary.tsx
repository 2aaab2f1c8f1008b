import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Catches a page that failed to render. The common case is a page chunk that no longer exists
 * after an update of the server: reloading fetches the new version.
 */
export class PageErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const stale = /dynamically imported module|module script|Importing a module script failed|chunk/i.test(
      error.message,
    );
    return (
      <Alert
        color="red"
        title={stale ? 'Вышла новая версия системы' : 'Страница не открылась'}
        role="alert"
        maw={640}
      >
        <Stack gap="sm">
          <Text size="sm">
            {stale
              ? 'Обновите страницу, чтобы загрузить новую версию.'
              : 'Произошла ошибка в браузере. Обновите страницу; если ошибка повторится, сообщите администратору.'}
          </Text>
          <Button variant="light" w="fit-content" onClick={() => window.location.reload()}>
            Обновить страницу
          </Button>
        </Stack>
      </Alert>
    );
  }
}
