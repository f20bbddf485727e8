package org.fvmreplay.fvm.kernel;

import org.fvmreplay.ipld.cid.Cid;

/** Blocks (ref-fvm's {@code IpldBlockOps}): the invocation's block registry and opening, creating, reading and linking blocks. */
public interface IpldOps {
    record BlockStat(long codec, int size) {}

    record OpenedBlock(int id, long codec, int size) {}

    /** Copies up to {@code length} bytes from {@code offset}; returns the bytes and (block length - (offset + length)). */
    record ReadResult(byte[] data, int remaining) {}

    /** The blocks this invocation holds handles to. */
    BlockRegistry blocks();

    OpenedBlock blockOpen(Cid cid);

    int blockCreate(long codec, byte[] data);

    Cid blockLink(int id, long hashFunction, long hashLength);

    ReadResult blockRead(int id, long offset, long length);

    BlockStat blockStat(int id);
}
