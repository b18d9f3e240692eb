-- CreateTable
CREATE TABLE "ClusterLease" (
    "name" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClusterLease_pkey" PRIMARY KEY ("name")
);

