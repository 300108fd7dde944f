CREATE TABLE "breach_scans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"incident_customer_id" uuid,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"path" text NOT NULL,
	"size" bigint NOT NULL,
	"status" text NOT NULL,
	"bytes_done" bigint DEFAULT 0 NOT NULL,
	"bytes_total" bigint DEFAULT 0 NOT NULL,
	"result" jsonb,
	"error" text,
	"keep_file" boolean DEFAULT false NOT NULL,
	"file_deleted_at" timestamp with time zone,
	"proposal" text,
	"applied" jsonb,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "breach_scans" ADD CONSTRAINT "breach_scans_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_scans" ADD CONSTRAINT "breach_scans_incident_customer_id_incident_customers_id_fk" FOREIGN KEY ("incident_customer_id") REFERENCES "public"."incident_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breach_scans_incident_idx" ON "breach_scans" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE INDEX "breach_scans_status_idx" ON "breach_scans" USING btree ("status");