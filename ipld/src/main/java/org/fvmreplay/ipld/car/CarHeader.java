package org.fvmreplay.ipld.car;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.fvmreplay.ipld.cid.Cid;

/** The CARv1 header: its root CIDs (version is always 1). */
public record CarHeader(List<Cid> roots) {
    public CarHeader {
        roots = List.copyOf(requireNonNull(roots, "roots"));
    }

    public int version() {
        return 1;
    }
}
