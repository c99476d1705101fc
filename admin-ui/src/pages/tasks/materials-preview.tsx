import { ExportOutlined, FileOutlined } from "@ant-design/icons";
import { Card, Empty, Flex, Image, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ReviewUpload } from "../../api/types";
import { useFocusKeptFromFrame } from "../../hooks/use-focus-kept-from-frame";
import { formatFileSize } from "../../utils/format";

const PREVIEW_HEIGHT = 520;

/** A PDF in the browser's viewer, which may not take the focus from the reason being typed. */
const PdfPreview = ({ upload }: { upload: ReviewUpload }) => {
  const keep = useFocusKeptFromFrame();
  return (
    <iframe
      ref={keep.ref}
      onLoad={keep.onLoad}
      src={upload.url}
      title={upload.originalName}
      style={{ width: "100%", height: PREVIEW_HEIGHT, border: 0 }}
      data-testid="task-material-pdf"
    />
  );
};

const Preview = ({ upload }: { upload: ReviewUpload }) => {
  const { t } = useTranslation();
  if (upload.mediaType === "application/pdf") return <PdfPreview upload={upload} />;
  if (upload.mediaType.startsWith("image/")) {
    return (
      <Image
        src={upload.url}
        alt={upload.originalName}
        style={{ maxHeight: PREVIEW_HEIGHT, objectFit: "contain" }}
        data-testid="task-material-image"
      />
    );
  }
  return <Typography.Text type="secondary">{t("tasks.materials.noPreview")}</Typography.Text>;
};

/** The uploaded materials (R1, R23), previewed where they are: PDFs in a frame, images in a viewer. */
export const MaterialsPreview = ({ uploads }: { uploads: ReviewUpload[] }) => {
  const { t } = useTranslation();
  if (uploads.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("tasks.materials.empty")} />;
  }
  return (
    <Flex vertical gap="middle">
      {uploads.map((upload) => (
        <Card
          key={upload.id}
          size="small"
          type="inner"
          title={
            <Space>
              <FileOutlined />
              {upload.kind === "BUSINESS_LICENCE" || upload.kind === "AUTHORIZATION_LETTER"
                ? t(`uploads.kinds.${upload.kind}`)
                : upload.kind}
              <Typography.Text type="secondary">
                {upload.originalName} · {formatFileSize(upload.size)}
              </Typography.Text>
            </Space>
          }
          extra={
            <Typography.Link href={upload.url} target="_blank" rel="noopener noreferrer">
              <ExportOutlined /> {t("tasks.materials.open")}
            </Typography.Link>
          }
        >
          <Preview upload={upload} />
        </Card>
      ))}
    </Flex>
  );
};
