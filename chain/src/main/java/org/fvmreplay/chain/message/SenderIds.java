package org.fvmreplay.chain.message;

import java.util.OptionalLong;
import org.fvmreplay.ipld.address.Address;

/**
 * Resolves a sender to its actor ID against the parent state of the tipset, as Lotus's {@code LookupIDAddress}; pass
 * {@code stateTree::resolve} of {@link org.fvmreplay.fvm.state.StateTree}. Empty when the address is unknown.
 */
@FunctionalInterface
public interface SenderIds {
    OptionalLong resolve(Address address);
}
