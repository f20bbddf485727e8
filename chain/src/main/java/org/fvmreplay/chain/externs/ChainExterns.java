package org.fvmreplay.chain.externs;

import org.fvmreplay.fvm.externs.Externs;
import org.fvmreplay.ipld.cid.Cid;

/** The FVM's externs plus what the chain also answers: the tipset CID at an epoch ({@code network::tipset_cid}). */
public interface ChainExterns extends Externs {
    /**
     * The CID of the tipset key at {@code epoch} on the chain of the executed tipset; a null round gives the last
     * tipset below it (Lotus {@code TipSetGetterForTipset}, {@code prev=true}). An epoch above the executed tipset or
     * below 0 is a {@link org.fvmreplay.chain.ChainException}; the kernel enforces its own lookback limits first.
     */
    Cid tipsetCid(long epoch);
}
