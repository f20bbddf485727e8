package org.fvmreplay.fvm.engine.cache;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.ipld.cid.Cid;

/** What a compiled module depends on: the actor code and the instrumentation rules applied to it. */
public record ModuleKey(Cid codeCid, String profileId) {
    public ModuleKey {
        requireNonNull(codeCid, "codeCid is null");
        requireNonNull(profileId, "profileId is null");
    }

    /** File-system safe name: the CID's string form and the profile id (restricted to safe characters). */
    public String fileName() {
        return codeCid + "-" + profileId;
    }
}
