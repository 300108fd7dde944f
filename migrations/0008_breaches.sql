CREATE TABLE "customer_headcounts" (
	"customer_id" uuid NOT NULL,
	"service_line_code" text NOT NULL,
	"persons" integer NOT NULL,
	"unit" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_headcounts_customer_id_service_line_code_pk" PRIMARY KEY("customer_id","service_line_code")
);
--> statement-breakpoint
CREATE TABLE "incident_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_customer_id" uuid NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	"caller" text NOT NULL,
	"callee_name" text NOT NULL,
	"phone_number" text NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"included" boolean NOT NULL,
	"reasoning" text NOT NULL,
	"matched_service_lines" jsonb NOT NULL,
	"matched_parties" jsonb NOT NULL,
	"agreement_ended" boolean NOT NULL,
	"data_types" jsonb NOT NULL,
	"subjects_group" text NOT NULL,
	"vulnerable_group" boolean DEFAULT false NOT NULL,
	"persons_min" integer,
	"persons_max" integer,
	"persons_overridden" boolean DEFAULT false NOT NULL,
	"contacts_known" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"notice_sent_at" timestamp with time zone,
	"late_by_minutes" integer,
	"late_reason" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"discovered_at" timestamp with time zone NOT NULL,
	"occurred_from" timestamp with time zone,
	"occurred_to" timestamp with time zone,
	"ongoing" boolean DEFAULT false NOT NULL,
	"detection" text,
	"aspects" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"affected_systems" text,
	"service_line_codes" jsonb NOT NULL,
	"party_ids" jsonb NOT NULL,
	"root_cause" text,
	"encryption" text NOT NULL,
	"measures_taken" text,
	"measures_planned" text,
	"severity" text NOT NULL,
	"notifiable" boolean NOT NULL,
	"decision_reasoning" text NOT NULL,
	"status" text NOT NULL,
	"contained_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incidents_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "customer_headcounts" ADD CONSTRAINT "customer_headcounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_headcounts" ADD CONSTRAINT "customer_headcounts_service_line_code_service_lines_code_fk" FOREIGN KEY ("service_line_code") REFERENCES "public"."service_lines"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_calls" ADD CONSTRAINT "incident_calls_incident_customer_id_incident_customers_id_fk" FOREIGN KEY ("incident_customer_id") REFERENCES "public"."incident_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_customers" ADD CONSTRAINT "incident_customers_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_customers" ADD CONSTRAINT "incident_customers_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_calls_customer_idx" ON "incident_calls" USING btree ("incident_customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_customers_pair_idx" ON "incident_customers" USING btree ("incident_id","customer_id");--> statement-breakpoint
CREATE INDEX "incident_customers_open_idx" ON "incident_customers" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "incidents_discovered_idx" ON "incidents" USING btree ("discovered_at");