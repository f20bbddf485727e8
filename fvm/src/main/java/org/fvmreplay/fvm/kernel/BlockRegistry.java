package org.fvmreplay.fvm.kernel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The blocks an invocation may address by handle; handles start at 1, 0 means "no block". From FVM v4 on it also holds
 * the set of CIDs the invocation may open or link to (FIP-0071 reachability, the reference's {@code kernel/blocks.rs}).
 */
public final class BlockRegistry {
    public static final int NO_DATA_BLOCK_ID = 0;
    private static final int FIRST_ID = 1;
    private static final int MAX_BLOCKS = Integer.MAX_VALUE;

    private final List<Block> blocks = new ArrayList<>();
    private final Set<Cid> reachable = new HashSet<>();

    /** Adds a block without reachability bookkeeping (FVM v2 and v3). */
    public int put(Block block) {
        if (isFull()) {
            throw ExecutionError.syscall(ErrorNumber.LIMIT_EXCEEDED, "too many blocks");
        }
        blocks.add(block);
        return blocks.size() - 1 + FIRST_ID;
    }

    /** Adds a block known to be reachable (opened, received as params or a return value): its links become reachable. */
    public int putReachable(Block block) {
        if (isFull()) {
            throw ExecutionError.syscall(ErrorNumber.LIMIT_EXCEEDED, "too many blocks");
        }
        reachable.addAll(block.links());
        return put(block);
    }

    /** Adds a newly created block; every link must already be reachable, else {@code NotFound}. */
    public int putCheckReachable(Block block) {
        if (isFull()) {
            throw ExecutionError.syscall(ErrorNumber.LIMIT_EXCEEDED, "too many blocks");
        }
        for (Cid link : block.links()) {
            if (!reachable.contains(link)) {
                throw ExecutionError.syscall(ErrorNumber.NOT_FOUND, "cannot put block: " + link + " not reachable");
            }
        }
        return put(block);
    }

    /** Marks a CID reachable: the actor's own state root, a block it linked. */
    public void markReachable(Cid cid) {
        reachable.add(cid);
    }

    /**
     * Whether {@code cid} may be opened. Identity CIDs are not implicitly reachable: their inline content may link to
     * unreachable blocks.
     */
    public boolean isReachable(Cid cid) {
        return reachable.contains(cid);
    }

    public Block get(int id) {
        int index = id - FIRST_ID;
        if (id < FIRST_ID || index >= blocks.size()) {
            throw ExecutionError.syscall(
                    ErrorNumber.INVALID_HANDLE, "invalid block handle " + Integer.toUnsignedString(id));
        }
        return blocks.get(index);
    }

    public boolean isFull() {
        return blocks.size() >= MAX_BLOCKS - FIRST_ID;
    }
}
