import { InboxOutlined } from "@ant-design/icons";
import { Upload, type UploadFile, type UploadProps } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { checkFile, MAX_UPLOAD_BYTES } from "../../../../domain/upload-rules";
import { API_URL, apiUpload, isApiHttpError } from "../../api/http";
import type { Upload as StoredUpload, UploadKind } from "../../api/types";
import { formatFileSize } from "../../utils/format";
import type { MaterialValue } from "./form-values";

export const ACCEPTED_EXTENSIONS = ".pdf,.jpg,.jpeg,.png";

/**
 * R23 before anything is sent, with the API's rule (domain/upload-rules.ts): an empty file, its size
 * against the limit, a name with nothing visible, the extension. The API checks the content too.
 */
const problemOf = (file: File, t: TFunction): string | undefined => {
  const found = checkFile(file);
  if (!found) return undefined;
  switch (found.problem) {
    case "TOO_LARGE":
      return t("uploads.problems.TOO_LARGE", {
        size: formatFileSize(found.size),
        limit: formatFileSize(found.limit),
      });
    case "EXTENSION":
      return found.extension
        ? t("uploads.problems.EXTENSION", { extension: found.extension })
        : t("uploads.problems.NO_EXTENSION");
    default:
      return t(`uploads.problems.${found.problem}`);
  }
};

const storedFile = (upload: StoredUpload): UploadFile<StoredUpload> => ({
  uid: upload.id,
  name: upload.originalName,
  size: upload.size,
  status: "done",
  response: upload,
});

interface MaterialUploadProps {
  kind: UploadKind;
  value?: MaterialValue;
  onChange?: (value: MaterialValue | undefined) => void;
  /** Put on the <input type=file>, so tests can set files on it. */
  testId: string;
}

/** One registration material: drag or pick a PDF/JPG/PNG; it is uploaded at once and replaced by the next one. */
export const MaterialUpload = ({ kind, value, onChange, testId }: MaterialUploadProps) => {
  const { t } = useTranslation();
  // Back from a later step, the stored file is shown again.
  const [fileList, setFileList] = useState<UploadFile<StoredUpload>[]>(() =>
    value?.upload ? [storedFile(value.upload)] : [],
  );
  // The API may refuse a stored file at submit time (UPLOAD_NOT_FOUND): the form then sets the error.
  const shown =
    value?.error && fileList[0]?.status === "done"
      ? [{ ...fileList[0], status: "error" as const, error: new Error(value.error) }]
      : fileList;

  const fail = (file: UploadFile<StoredUpload>, error: string) => {
    setFileList([{ ...file, status: "error", response: undefined, error: new Error(error) }]);
    onChange?.({ error });
  };

  const beforeUpload: UploadProps["beforeUpload"] = (file) => {
    const problem = problemOf(file, t);
    if (!problem) return true;
    fail({ uid: file.uid, name: file.name, size: file.size }, problem);
    return Upload.LIST_IGNORE;
  };

  const customRequest: UploadProps<StoredUpload>["customRequest"] = ({ file, onSuccess, onError }) => {
    const form = new FormData();
    form.set("kind", kind);
    form.set("file", file);
    apiUpload<{ data: StoredUpload }>(`${API_URL}/uploads`, form).then(
      ({ data }) => onSuccess?.(data),
      (error: unknown) => {
        const message = isApiHttpError(error) ? error.message : t("uploads.failed");
        onError?.(
          Object.assign(new Error(message), { status: isApiHttpError(error) ? error.statusCode : 0 }),
        );
      },
    );
  };

  const handleChange: UploadProps<StoredUpload>["onChange"] = ({ file }) => {
    if (file.status === "removed") {
      setFileList([]);
      onChange?.(undefined);
      return;
    }
    if (file.status === "error") {
      fail(file, file.error?.message ?? t("uploads.failed"));
      return;
    }
    // Shown under the name the API stored (path parts and invisible characters removed).
    setFileList([
      file.status === "done" && file.response ? { ...file, name: file.response.originalName } : file,
    ]);
    onChange?.(file.status === "done" && file.response ? { upload: file.response } : { uploading: true });
  };

  return (
    <Upload.Dragger
      accept={ACCEPTED_EXTENSIONS}
      maxCount={1}
      fileList={shown}
      beforeUpload={beforeUpload}
      customRequest={customRequest}
      onChange={handleChange}
      showUploadList={{ showPreviewIcon: false }}
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t("uploads.drop")}</p>
      <p className="ant-upload-hint">{t("uploads.hint", { size: formatFileSize(MAX_UPLOAD_BYTES) })}</p>
    </Upload.Dragger>
  );
};
