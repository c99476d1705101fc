-- CreateTable
CREATE TABLE "UnitNameBigram" (
    "gram" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "nameLength" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "UnitNameBigram_pkey" PRIMARY KEY ("gram","unitId")
);

-- CreateIndex
CREATE INDEX "UnitNameBigram_gram_nameLength_name_unitId_idx" ON "UnitNameBigram"("gram", "nameLength", "name", "unitId");

-- CreateIndex
CREATE INDEX "UnitNameBigram_unitId_idx" ON "UnitNameBigram"("unitId");

-- The bigrams of every existing unit's name (positions 1 .. length - 1), lower-cased as the
-- suggestions' case-insensitive match folds (ASCII letters: the database's C ctype). nameLength:
-- the name's characters without spaces (ordinary, ideographic U+3000, no-break U+00A0), as the
-- suggestions' bigrams skip them.
INSERT INTO "UnitNameBigram" ("gram", "unitId", "nameLength", "name")
SELECT DISTINCT lower(substr("u"."name", "p"."n", 2)), "u"."id",
    char_length(replace(replace(replace("u"."name", ' ', ''), '　', ''), chr(160), '')), "u"."name"
FROM "Unit" "u" CROSS JOIN LATERAL generate_series(1, char_length("u"."name") - 1) AS "p"("n");

-- Kept by the database in the transaction of every write of Unit.name, whoever writes it.
-- The function body spells its semicolons \003B (U& string): Prisma's PostgreSQL driver adapter
-- runs a migration split at every semicolon, dollar-quoted bodies included.
CREATE FUNCTION "unit_name_bigrams"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    IF TG_OP <> ''INSERT'' THEN
        DELETE FROM "UnitNameBigram" WHERE "unitId" = OLD."id"\003B
    END IF\003B
    IF TG_OP <> ''DELETE'' THEN
        INSERT INTO "UnitNameBigram" ("gram", "unitId", "nameLength", "name")
        SELECT DISTINCT lower(substr(NEW."name", "p"."n", 2)), NEW."id",
            char_length(replace(replace(replace(NEW."name", '' '', ''''), ''　'', ''''), chr(160), '''')), NEW."name"
        FROM generate_series(1, char_length(NEW."name") - 1) AS "p"("n")\003B
    END IF\003B
    RETURN NULL\003B
END\003B
';
CREATE TRIGGER "Unit_name_bigrams_insert" AFTER INSERT ON "Unit"
FOR EACH ROW EXECUTE FUNCTION "unit_name_bigrams"();
CREATE TRIGGER "Unit_name_bigrams_rename" AFTER UPDATE OF "name" ON "Unit"
FOR EACH ROW EXECUTE FUNCTION "unit_name_bigrams"();
CREATE TRIGGER "Unit_name_bigrams_delete" AFTER DELETE ON "Unit"
FOR EACH ROW EXECUTE FUNCTION "unit_name_bigrams"();
