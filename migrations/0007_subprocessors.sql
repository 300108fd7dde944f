CREATE TABLE "subprocessor_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"party_id" uuid NOT NULL,
	"customer_id" uuid,
	"subject" text NOT NULL,
	"due_on" date,
	"raised_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "subprocessor_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"proposal_id" uuid,
	"state" text NOT NULL,
	"asked_at" timestamp with time zone,
	"respond_by" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	"answered_by_user_id" uuid,
	"method" text,
	"statement" text,
	"transfer_required" boolean DEFAULT false NOT NULL,
	"transfer_consent_given" boolean DEFAULT false NOT NULL,
	"transfer_statement" text,
	"objection_reason" text,
	"objection_reasonable" boolean,
	"objection_outcome" text,
	"objection_note" text,
	"assessed_by" text,
	"assessed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawal_reason" text,
	"document_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subprocessor_profiles" (
	"party_id" uuid PRIMARY KEY NOT NULL,
	"registration_number" text,
	"vat_number" text,
	"street" text,
	"postal_code" text,
	"city" text,
	"website" text,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"services_nl" text,
	"services_en" text,
	"locations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"engaged_by_party_id" uuid,
	"certifications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"flow_down_signed_on" date,
	"flow_down_valid_until" date,
	"flow_down_same_terms_confirmed_by" text,
	"flow_down_same_terms_confirmed_on" date,
	"flow_down_file_name" text,
	"flow_down_file_mime" text,
	"flow_down_file" "bytea",
	"dpf_certified" boolean DEFAULT false NOT NULL,
	"dpf_checked_on" date,
	"dpf_recertify_by" date,
	"pipeda_covered" boolean DEFAULT false NOT NULL,
	"transfer_mechanism" text,
	"scc_module" text,
	"tia_completed_on" date,
	"tia_notes" text,
	"named_in_agreement" boolean DEFAULT false NOT NULL,
	"review_due_on" date,
	"notes" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subprocessor_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"party_id" uuid NOT NULL,
	"replaces_party_id" uuid,
	"service_line_codes" jsonb NOT NULL,
	"entry_ids" jsonb NOT NULL,
	"reason" text NOT NULL,
	"effective_from" date NOT NULL,
	"window_days" integer NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text
);
--> statement-breakpoint
ALTER TABLE "subprocessor_alerts" ADD CONSTRAINT "subprocessor_alerts_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_alerts" ADD CONSTRAINT "subprocessor_alerts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_consents" ADD CONSTRAINT "subprocessor_consents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_consents" ADD CONSTRAINT "subprocessor_consents_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_consents" ADD CONSTRAINT "subprocessor_consents_proposal_id_subprocessor_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."subprocessor_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_profiles" ADD CONSTRAINT "subprocessor_profiles_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_profiles" ADD CONSTRAINT "subprocessor_profiles_engaged_by_party_id_parties_id_fk" FOREIGN KEY ("engaged_by_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_proposals" ADD CONSTRAINT "subprocessor_proposals_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_proposals" ADD CONSTRAINT "subprocessor_proposals_replaces_party_id_parties_id_fk" FOREIGN KEY ("replaces_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subprocessor_alerts_open_idx" ON "subprocessor_alerts" USING btree ("kind","party_id","subject") WHERE resolved_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "subprocessor_consents_pair_idx" ON "subprocessor_consents" USING btree ("customer_id","party_id");--> statement-breakpoint
CREATE INDEX "subprocessor_consents_proposal_idx" ON "subprocessor_consents" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "subprocessor_proposals_party_idx" ON "subprocessor_proposals" USING btree ("party_id");