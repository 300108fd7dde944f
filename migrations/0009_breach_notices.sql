CREATE TABLE "incident_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_customer_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"language" text NOT NULL,
	"content" jsonb NOT NULL,
	"sent_to" jsonb NOT NULL,
	"sent_by" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_warnings" (
	"incident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incident_warnings_incident_id_kind_pk" PRIMARY KEY("incident_id","kind")
);
--> statement-breakpoint
ALTER TABLE "incident_notices" ADD CONSTRAINT "incident_notices_incident_customer_id_incident_customers_id_fk" FOREIGN KEY ("incident_customer_id") REFERENCES "public"."incident_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_notices" ADD CONSTRAINT "incident_notices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_warnings" ADD CONSTRAINT "incident_warnings_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_notices_version_idx" ON "incident_notices" USING btree ("incident_customer_id","version");--> statement-breakpoint
CREATE INDEX "incident_notices_customer_idx" ON "incident_notices" USING btree ("customer_id","sent_at");