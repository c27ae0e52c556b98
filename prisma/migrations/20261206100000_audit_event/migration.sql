-- Who changed what, and who was refused: one row per event, never updated or deleted by the app.
-- actor: the signed-in email, "local" when sign-in is off, "cli" for the command line.
-- action: a dotted name ("settings.tags.save", "sync.start", "auth.sign-in", "access.refused").
-- before/after: the changed document or record as JSON (NULL when there is none, e.g. a creation's before).
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "outcome" TEXT NOT NULL DEFAULT 'ok',
    "before" JSONB,
    "after" JSONB,
    "detail" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_event_outcome_check" CHECK ("outcome" IN ('ok', 'refused', 'failed'))
);
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");
CREATE INDEX "audit_event_actor_at_idx" ON "audit_event"("actor", "at");
