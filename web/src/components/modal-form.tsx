import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ErrorAlert, fieldErrors } from './error-alert.tsx';

/** @mantine/form's own bound on form values (`Record<string, any>`, which interfaces satisfy). */
type FormValues = NonNullable<NonNullable<Parameters<typeof useForm>[0]>['initialValues']>;

export interface ModalFormProps<V extends FormValues, R> {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: ModalProps['size'];
  /** The values the form starts from; read afresh each time the modal opens. */
  initialValues: () => V;
  /** Sends the form; a rejection (an ApiError) is shown in the modal and its 422 issues on the fields. */
  submit: (values: V) => Promise<R>;
  /** After a successful submit; the modal closes unless `done` shows a result in its place. */
  onSuccess?: (result: R) => void | Promise<void>;
  /** What to show instead of the form after a successful submit (say, an invitation link). */
  done?: (result: R, close: () => void) => ReactNode;
  submitLabel?: ReactNode;
  submitColor?: string;
  errorTitle?: string;
  /** Checks in the browser before sending, returning a Russian message per field. */
  validate?: (values: V) => Partial<Record<keyof V & string, string | null>>;
  /** Extra controls on the left of the buttons row. */
  extraActions?: ReactNode;
  /** Something to offer under the error (say, a link to the record a 409 names). */
  errorExtra?: (error: unknown) => ReactNode;
  children: (form: UseFormReturnType<V>) => ReactNode;
}

/**
 * The one modal with a form: title, fields, «Отмена» and a submit button that spins while the
 * request runs. The server's Russian message shows above the buttons and a 422's issues under
 * their fields. The fields start afresh each time the modal opens (the body mounts on open).
 */
export function ModalForm<V extends FormValues, R = unknown>(props: ModalFormProps<V, R>) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      size={props.size ?? 'lg'}
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      {props.opened && <ModalFormBody {...props} />}
    </Modal>
  );
}

function ModalFormBody<V extends FormValues, R>({
  onClose,
  initialValues,
  submit,
  onSuccess,
  done,
  submitLabel,
  submitColor,
  errorTitle,
  errorExtra,
  validate,
  extraActions,
  children,
}: ModalFormProps<V, R>) {
  const form = useForm<V>({ mode: 'controlled', initialValues: initialValues() });
  const [result, setResult] = useState<{ value: R } | null>(null);
  const send = useMutation({
    mutationFn: submit,
    onSuccess: async (value) => {
      await onSuccess?.(value);
      if (done) setResult({ value });
      else onClose();
    },
    onError: (error) => form.setErrors(fieldErrors(error)),
  });

  if (result && done) return <>{done(result.value, onClose)}</>;

  return (
    // noValidate: the browser's own bubbles speak its UI language (English in a headless or
    // English-language browser); required fields are checked by `validate` and the API, in Russian.
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const problems = validate?.(values);
        if (problems && Object.values(problems).some(Boolean)) {
          form.setErrors(problems as Record<string, string>);
          return;
        }
        send.mutate(values);
      })}
    >
      <Stack gap="sm">
        {children(form)}
        <ErrorAlert error={send.error} title={errorTitle ?? 'Не сохранено'} />
        {send.error && errorExtra?.(send.error)}
        <Group justify={extraActions ? 'space-between' : 'flex-end'}>
          {extraActions}
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" color={submitColor} loading={send.isPending}>
              {submitLabel ?? 'Сохранить'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
