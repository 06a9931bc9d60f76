/**
 * Keeps a failure in one view from blanking the page: the view shows what went wrong and a way
 * back, the rest of the app keeps working. React only offers this as a class component.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What failed, for the message ("the Insights view"). */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.name} failed`, error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error view-error" role="alert" data-testid="view-error">
        <p>Something went wrong in {this.props.name}: {error.message}</p>
        <p className="hint">Your images and labels are kept. Try again, or switch to another view.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
