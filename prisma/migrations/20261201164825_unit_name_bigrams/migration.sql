-- CreateTable
CREATE TABLE "UnitNameBigram" (
    "gram" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "nameLength" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    PRIMARY KEY ("gram", "unitId")
);

-- CreateIndex
CREATE INDEX "UnitNameBigram_gram_nameLength_name_unitId_idx" ON "UnitNameBigram"("gram", "nameLength", "name", "unitId");

-- CreateIndex
CREATE INDEX "UnitNameBigram_unitId_idx" ON "UnitNameBigram"("unitId");

-- The bigrams of every existing unit's name (positions 1 .. length - 1). nameLength: the name's
-- characters without spaces (ordinary, ideographic U+3000, no-break U+00A0), as the suggestions'
-- bigrams skip them.
INSERT OR IGNORE INTO "UnitNameBigram" ("gram", "unitId", "nameLength", "name")
WITH RECURSIVE "position"("n") AS (
    SELECT 1
    UNION ALL
    SELECT "n" + 1 FROM "position" WHERE "n" < (SELECT max(length("name")) FROM "Unit")
)
SELECT lower(substr("u"."name", "p"."n", 2)), "u"."id",
    length(replace(replace(replace("u"."name", ' ', ''), '　', ''), char(160), '')), "u"."name"
FROM "Unit" "u" JOIN "position" "p" ON "p"."n" < length("u"."name");

-- Kept by the database in the transaction of every write of Unit.name, whoever writes it. A trigger
-- may not hold a WITH clause, so the positions 0 .. length - 2 come from json_each over an array of
-- that many zeros (hex(zeroblob(k)) is k times '00').
CREATE TRIGGER "Unit_name_bigrams_insert" AFTER INSERT ON "Unit"
BEGIN
    INSERT OR IGNORE INTO "UnitNameBigram" ("gram", "unitId", "nameLength", "name")
    SELECT lower(substr(NEW."name", "p"."key" + 1, 2)), NEW."id",
        length(replace(replace(replace(NEW."name", ' ', ''), '　', ''), char(160), '')), NEW."name"
    FROM json_each('[' || rtrim(replace(hex(zeroblob(length(NEW."name") - 1)), '00', '0,'), ',') || ']') "p";
END;

CREATE TRIGGER "Unit_name_bigrams_rename" AFTER UPDATE OF "name" ON "Unit"
BEGIN
    DELETE FROM "UnitNameBigram" WHERE "unitId" = OLD."id";
    INSERT OR IGNORE INTO "UnitNameBigram" ("gram", "unitId", "nameLength", "name")
    SELECT lower(substr(NEW."name", "p"."key" + 1, 2)), NEW."id",
        length(replace(replace(replace(NEW."name", ' ', ''), '　', ''), char(160), '')), NEW."name"
    FROM json_each('[' || rtrim(replace(hex(zeroblob(length(NEW."name") - 1)), '00', '0,'), ',') || ']') "p";
END;

CREATE TRIGGER "Unit_name_bigrams_delete" AFTER DELETE ON "Unit"
BEGIN
    DELETE FROM "UnitNameBigram" WHERE "unitId" = OLD."id";
END;
