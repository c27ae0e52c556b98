-- Each settings document gets a version, bumped by every save, and who saved it last: a form carries the version
-- it was opened with and a save is refused when the stored one moved on (someone else saved in between), so a
-- second person never silently overwrites the first. Existing rows start at 0, as an absent document does.
ALTER TABLE "setting" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "setting" ADD COLUMN "updated_by" TEXT;
