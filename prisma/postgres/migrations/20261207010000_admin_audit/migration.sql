-- CreateTable
CREATE TABLE "AdminAuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "dataJson" TEXT NOT NULL,

    CONSTRAINT "AdminAuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AdminAuditEvent_at_idx" ON "AdminAuditEvent"("at");

-- CreateIndex
CREATE INDEX "AdminAuditEvent_action_id_idx" ON "AdminAuditEvent"("action", "id");

-- CreateIndex
CREATE INDEX "AdminAuditEvent_actorLabel_id_idx" ON "AdminAuditEvent"("actorLabel", "id");

-- CreateIndex
CREATE INDEX "AdminAuditEvent_targetType_targetId_id_idx" ON "AdminAuditEvent"("targetType", "targetId", "id");
