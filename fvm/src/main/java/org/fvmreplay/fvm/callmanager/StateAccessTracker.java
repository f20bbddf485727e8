package org.fvmreplay.fvm.callmanager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.address.Protocol;

/**
 * Which actors a message already read or updated and which addresses it resolved, so repeated lookups and updates are
 * charged once (FIP-0055 in the reference); undone with the call that recorded it when that call reverts.
 */
final class StateAccessTracker {
    static final int READ = 1;
    static final int UPDATED = 2;

    private final Map<Long, Integer> actors = new HashMap<>();
    private final Set<Address> addresses = new HashSet<>();
    /** Undo log: {actor id, previous state or 0} and addresses added, with per-transaction heights. */
    private final List<long[]> actorHistory = new ArrayList<>();
    private final List<Address> addressHistory = new ArrayList<>();
    private final Deque<int[]> layers = new ArrayDeque<>();

    StateAccessTracker(List<Long> preloaded) {
        for (Long id : preloaded) {
            actors.put(id, UPDATED);
        }
    }

    void beginTransaction() {
        layers.push(new int[] {actorHistory.size(), addressHistory.size()});
    }

    void endTransaction(boolean revert) {
        int[] layer = layers.pop();
        if (revert) {
            for (int i = actorHistory.size() - 1; i >= layer[0]; i--) {
                long[] undo = actorHistory.remove(i);
                if (undo[1] == 0) {
                    actors.remove(undo[0]);
                } else {
                    actors.put(undo[0], (int) undo[1]);
                }
            }
            for (int i = addressHistory.size() - 1; i >= layer[1]; i--) {
                addresses.remove(addressHistory.remove(i));
            }
        }
    }

    int actorAccess(long id) {
        return actors.getOrDefault(id, 0);
    }

    void recordActorRead(long id) {
        if (!actors.containsKey(id)) {
            set(id, READ);
        }
    }

    void recordActorUpdate(long id) {
        set(id, UPDATED);
    }

    private void set(long id, int state) {
        Integer previous = actors.put(id, state);
        actorHistory.add(new long[] {id, previous == null ? 0 : previous});
    }

    boolean addressLookedUp(Address address) {
        return address.protocol() == Protocol.ID || addresses.contains(address);
    }

    void recordLookupAddress(Address address) {
        if (address.protocol() != Protocol.ID && addresses.add(address)) {
            addressHistory.add(address);
        }
    }
}
