package org.fvmreplay.fvm.executor;

import java.math.BigInteger;
import java.util.List;

/** The receipt of an applied message and where its fees went. */
public record ApplyRet(int exitCode, byte[] returnData, long gasUsed, BigInteger penalty, BigInteger minerTip, BigInteger baseFeeBurn,
        BigInteger overEstimationBurn, BigInteger refund, String failureInfo, List<String> gasTrace) {}
