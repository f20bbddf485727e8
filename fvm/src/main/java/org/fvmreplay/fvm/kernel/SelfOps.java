package org.fvmreplay.fvm.kernel;

import java.math.BigInteger;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;

/** The running actor's own state root and balance, and its deletion (ref-fvm's {@code SelfOps}). */
public interface SelfOps {
    Cid root();

    void setRoot(Cid root);

    BigInteger currentBalance();

    /** Deletes this actor, its balance going to {@code beneficiary} (FVM v4 burns it instead, {@link KernelV4}). */
    void selfDestruct(Address beneficiary);
}
