import { Button, Result } from "antd";
import { Component, type PropsWithChildren } from "react";
import { useTranslation } from "react-i18next";

const ErrorFallback = () => {
  const { t } = useTranslation();
  return (
    <Result
      status="500"
      title={t("errorBoundary.title")}
      subTitle={t("errorBoundary.description")}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t("errorBoundary.reload")}
        </Button>
      }
    />
  );
};

interface ErrorBoundaryState {
  hasError: boolean;
}

/** Shows a recoverable page instead of a blank screen when rendering throws (React logs the error). */
export class ErrorBoundary extends Component<PropsWithChildren, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { hasError: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { hasError: true };
  }

  override render() {
    return this.state.hasError ? <ErrorFallback /> : this.props.children;
  }
}
