package org.fvmreplay.fvm.kernel;

import java.math.BigInteger;
import java.util.Optional;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.cid.Cid;

/** Other actors: addresses, code, balances, actor types and creation (ref-fvm's {@code ActorOps}). */
public interface ActorOps {
    long resolveAddress(Address address);

    Cid actorCodeCid(long id);

    Address nextActorAddress();

    void createActor(Cid code, long id, Optional<Address> delegated);

    int builtinActorType(Cid code);

    Cid codeCidForType(int type);

    BigInteger balanceOf(long id);

    Optional<Address> lookupDelegatedAddress(long id);
}
