ALTER TABLE "incident_notices" ADD COLUMN "changes" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "update_interval_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "update_reminder_at" timestamp with time zone;