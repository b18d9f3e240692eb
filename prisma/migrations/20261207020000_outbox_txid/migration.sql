-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "txid" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "OutboxCursor" ADD COLUMN "txid" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "OutboxMessage_txid_position_idx" ON "OutboxMessage"("txid", "position");

-- CreateIndex
CREATE INDEX "OutboxMessage_releaseId_seq_idx" ON "OutboxMessage"("releaseId", "seq");
