import { Button, Stack } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert.tsx';

function Fallback({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Stack maw={560} p="md">
      <ErrorAlert error={error} title={t('errors.pageCrashed')} />
      <div>
        <Button variant="default" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>
      </div>
    </Stack>
  );
}

type Props = { children: ReactNode; resetKey?: string };
type State = { error: unknown; resetKey: string | undefined };

/**
 * Catches a page that fails to render (or a page bundle that no longer exists after an update) and offers
 * a reload instead of a blank screen. Navigating elsewhere (`resetKey`) clears it.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Page failed to render', error, info.componentStack);
  }

  override render() {
    return this.state.error ? <Fallback error={this.state.error} /> : this.props.children;
  }
}
