package org.fvmreplay.fvm.kernel;

import java.math.BigInteger;
import java.util.OptionalLong;
import org.fvmreplay.ipld.address.Address;

/** Calling another actor (ref-fvm's {@code SendOps}). */
public interface SendOps {
    /** The outcome of a send as the syscall reports it. */
    record SendResult(int exitCode, int blockId, long codec, int size) {}

    SendResult send(
            Address recipient,
            long sendMethod,
            int paramsId,
            BigInteger value,
            OptionalLong gasLimitMilligas,
            boolean readOnlyFlag);
}
