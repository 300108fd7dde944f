CREATE TABLE "incident_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_customer_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"notice_id" uuid,
	"author" text NOT NULL,
	"author_name" text NOT NULL,
	"author_user_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "likely_consequences" text;--> statement-breakpoint
ALTER TABLE "incident_messages" ADD CONSTRAINT "incident_messages_incident_customer_id_incident_customers_id_fk" FOREIGN KEY ("incident_customer_id") REFERENCES "public"."incident_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_messages" ADD CONSTRAINT "incident_messages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_messages" ADD CONSTRAINT "incident_messages_notice_id_incident_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."incident_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_messages_thread_idx" ON "incident_messages" USING btree ("incident_customer_id","created_at");