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
 * charged once (FIP-0055 in the reference); undone with the call that recorded it when that call reverts. FVM v2 has
 * no state-access charges: its tracker ({@link #untracked()}) counts every actor as updated and every address as
 * resolved, so nothing is charged and nothing recorded.
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
    private final boolean tracking;

    StateAccessTracker(List<Long> preloaded) {
        this(true);
        for (Long id : preloaded) {
            actors.put(id, UPDATED);
        }
    }

    private StateAccessTracker(boolean tracking) {
        this.tracking = tracking;
    }

    /** The tracker of a generation without state-access charges (FVM v2). */
    static StateAccessTracker untracked() {
        return new StateAccessTracker(false);
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
        return tracking ? actors.getOrDefault(id, 0) : UPDATED;
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
        if (!tracking) {
            return;
        }
        Integer previous = actors.put(id, state);
        actorHistory.add(new long[] {id, previous == null ? 0 : previous});
    }

    boolean addressLookedUp(Address address) {
        return !tracking || address.protocol() == Protocol.ID || addresses.contains(address);
    }

    void recordLookupAddress(Address address) {
        if (tracking && address.protocol() != Protocol.ID && addresses.add(address)) {
            addressHistory.add(address);
        }
    }
}
