CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"legal_name" text,
	"country" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "processing_operations" (
	"code" text PRIMARY KEY NOT NULL,
	"label_nl" text NOT NULL,
	"label_en" text NOT NULL,
	"gdpr_operation" text,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "register_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_line_code" text NOT NULL,
	"data_type_nl" text NOT NULL,
	"data_type_en" text NOT NULL,
	"data_categories" jsonb NOT NULL,
	"data_subjects" jsonb NOT NULL,
	"processed_by_processor" boolean NOT NULL,
	"processor_role" text DEFAULT 'processor' NOT NULL,
	"retention_rule" jsonb NOT NULL,
	"position" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "register_entry_parties" (
	"entry_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "register_entry_parties_entry_id_party_id_pk" PRIMARY KEY("entry_id","party_id")
);
--> statement-breakpoint
CREATE TABLE "register_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"summary" text NOT NULL,
	"audit_event_id" bigint,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_lines" (
	"code" text PRIMARY KEY NOT NULL,
	"name_nl" text NOT NULL,
	"name_en" text NOT NULL,
	"product_name" text,
	"purpose_nl" text NOT NULL,
	"purpose_en" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_service_line_code_service_lines_code_fk" FOREIGN KEY ("service_line_code") REFERENCES "public"."service_lines"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entry_parties" ADD CONSTRAINT "register_entry_parties_entry_id_register_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."register_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entry_parties" ADD CONSTRAINT "register_entry_parties_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "parties_active_name_idx" ON "parties" USING btree (lower("name")) WHERE retired_at is null;--> statement-breakpoint
CREATE INDEX "register_entries_service_line_idx" ON "register_entries" USING btree ("service_line_code");--> statement-breakpoint
CREATE INDEX "register_entry_parties_party_idx" ON "register_entry_parties" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "register_versions_created_idx" ON "register_versions" USING btree ("created_at");