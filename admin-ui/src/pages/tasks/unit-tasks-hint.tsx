import { useGetIdentity } from "@refinedev/core";
import { Alert, Button, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api/types";
import { RealPersonStepUp } from "../../components/real-person-step-up";

/**
 * R12: a unit's administrator or handler in a password session does not see the unit's tasks. Say
 * so, and offer the QR step-up here, rather than show an empty list without a reason.
 */
export const UnitTasksHint = ({ onRaised }: { onRaised: () => void }) => {
  const { t } = useTranslation();
  const { data: me } = useGetIdentity<Me>();
  const [open, setOpen] = useState(false);
  const unitWork = me?.roles.some((r) => r.role === "UNIT_ADMIN" || r.role === "TITLE_HANDLER");
  if (me?.strength !== "PASSWORD" || !unitWork) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message={t("tasks.unitTasksHidden")}
        action={
          <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="tasks-step-up">
            {t("stepUp.title")}
          </Button>
        }
        data-testid="tasks-unit-hidden"
      />
      <Modal
        open={open}
        title={t("stepUp.title")}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <RealPersonStepUp
          onSuccess={() => {
            setOpen(false);
            onRaised();
          }}
        />
      </Modal>
    </>
  );
};
