CREATE TABLE "dsr_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"note" text,
	"file_name" text,
	"content_type" text,
	"bytes" "bytea",
	"size" integer,
	"sha256" text,
	"erased_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dsr_packages" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"bytes" "bytea",
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"download_count" integer DEFAULT 0 NOT NULL,
	"last_downloaded_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dsr_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"right_type" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"customer_received_on" date,
	"customer_deadline_extended" boolean DEFAULT false NOT NULL,
	"identities_sealed" text,
	"identities_masked" jsonb NOT NULL,
	"identities_erased_at" timestamp with time zone,
	"scope" jsonb NOT NULL,
	"customer_notes" text,
	"status" text NOT NULL,
	"status_reason" text,
	"due_at" timestamp with time zone NOT NULL,
	"hold_started_at" timestamp with time zone,
	"held_days" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"lifted_at" timestamp with time zone,
	"lifted_reason" text,
	"response" jsonb,
	"subject_request_id" uuid,
	"submitted_time" timestamp with time zone,
	"regulation" text,
	"callback_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"api_token_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dsr_requests_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "dsr_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"party_id" uuid,
	"service_line_codes" jsonb NOT NULL,
	"entry_ids" jsonb NOT NULL,
	"data_types" jsonb NOT NULL,
	"title" text NOT NULL,
	"connector" text,
	"owner_user_id" uuid,
	"owner_name" text,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"outcome_note" text,
	"requested_at" timestamp with time zone,
	"requested_to" text,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dsr_warnings" (
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dsr_warnings_request_id_kind_pk" PRIMARY KEY("request_id","kind")
);
--> statement-breakpoint
CREATE TABLE "opendsr_keys" (
	"id" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opendsr_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"url" text,
	"body" text NOT NULL,
	"signature" text NOT NULL,
	"delivery" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_result" text,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
ALTER TABLE "dsr_evidence" ADD CONSTRAINT "dsr_evidence_task_id_dsr_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."dsr_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_evidence" ADD CONSTRAINT "dsr_evidence_request_id_dsr_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."dsr_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_evidence" ADD CONSTRAINT "dsr_evidence_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_packages" ADD CONSTRAINT "dsr_packages_request_id_dsr_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."dsr_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_packages" ADD CONSTRAINT "dsr_packages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_requests" ADD CONSTRAINT "dsr_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_requests" ADD CONSTRAINT "dsr_requests_api_token_id_api_tokens_id_fk" FOREIGN KEY ("api_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_tasks" ADD CONSTRAINT "dsr_tasks_request_id_dsr_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."dsr_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_tasks" ADD CONSTRAINT "dsr_tasks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_tasks" ADD CONSTRAINT "dsr_tasks_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_warnings" ADD CONSTRAINT "dsr_warnings_request_id_dsr_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."dsr_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendsr_messages" ADD CONSTRAINT "opendsr_messages_request_id_dsr_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."dsr_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendsr_messages" ADD CONSTRAINT "opendsr_messages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dsr_evidence_task_idx" ON "dsr_evidence" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "dsr_requests_customer_idx" ON "dsr_requests" USING btree ("customer_id","received_at");--> statement-breakpoint
CREATE INDEX "dsr_requests_open_idx" ON "dsr_requests" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dsr_requests_opendsr_idx" ON "dsr_requests" USING btree ("customer_id","subject_request_id");--> statement-breakpoint
CREATE INDEX "dsr_tasks_request_idx" ON "dsr_tasks" USING btree ("request_id","position");--> statement-breakpoint
CREATE INDEX "opendsr_messages_request_idx" ON "opendsr_messages" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "opendsr_messages_due_idx" ON "opendsr_messages" USING btree ("delivery","next_attempt_at");--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;