// Issue 11.4: uploads are anonymous, so an upload that no request uses must not stay for ever.
// Once older than UPLOAD_UNUSED_RETENTION_SECONDS, an upload no unit registration names is deleted,
// its row and then its file.
import type { Database } from "./database.js";
import type { FileStorage } from "./ports/file-storage.js";

/**
 * Deletes the uploads created before `olderThan` that no unit registration names; answers how many.
 * Each is re-checked and deleted in one transaction, so a registration naming it meanwhile keeps it.
 */
export async function deleteUnusedUploads(
  deps: { db: Database; fileStorage: FileStorage },
  olderThan: Date,
): Promise<number> {
  const { db, fileStorage } = deps;
  const stale = await db.upload.findMany({
    where: { createdAt: { lt: olderThan } },
    select: { id: true, storageKey: true },
    take: 500,
  });
  let deleted = 0;
  for (const upload of stale) {
    const removed = await db.$transaction(async (tx) => {
      const usedBy = await tx.unitRegistration.count({
        where: { OR: [{ businessLicenceUploadId: upload.id }, { authorizationLetterUploadId: upload.id }] },
      });
      if (usedBy > 0) return false;
      await tx.upload.delete({ where: { id: upload.id } });
      return true;
    });
    if (!removed) continue;
    await fileStorage.remove(upload.storageKey);
    deleted++;
  }
  return deleted;
}
