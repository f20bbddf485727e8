package org.fvmreplay.fvm.kernel;

import java.util.ArrayList;
import java.util.List;

/** The blocks an invocation may address by handle; handles start at 1, 0 means "no block". */
public final class BlockRegistry {
    public static final int NO_DATA_BLOCK_ID = 0;
    private static final int FIRST_ID = 1;
    private static final int MAX_BLOCKS = Integer.MAX_VALUE;

    private final List<Block> blocks = new ArrayList<>();

    public int put(Block block) {
        if (isFull()) {
            throw ExecutionError.syscall(ErrorNumber.LIMIT_EXCEEDED, "too many blocks");
        }
        blocks.add(block);
        return blocks.size() - 1 + FIRST_ID;
    }

    public Block get(int id) {
        int index = id - FIRST_ID;
        if (id < FIRST_ID || index >= blocks.size()) {
            throw ExecutionError.syscall(ErrorNumber.INVALID_HANDLE, "invalid block handle " + Integer.toUnsignedString(id));
        }
        return blocks.get(index);
    }

    public boolean isFull() {
        return blocks.size() >= MAX_BLOCKS - FIRST_ID;
    }
}
