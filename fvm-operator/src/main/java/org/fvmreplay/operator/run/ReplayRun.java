package org.fvmreplay.operator.run;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A replay of a range of epochs of one store into Parquet tables, run by the operator as a Flink application. */
@Group(ReplayRun.GROUP)
@Version(ReplayRun.VERSION)
@Kind("ReplayRun")
@Plural("replayruns")
@ShortNames("rrun")
public class ReplayRun extends CustomResource<ReplayRunSpec, ReplayRunStatus> implements Namespaced {
    private static final long serialVersionUID = 1L;

    /** The API group of the resource. */
    public static final String GROUP = "fvmreplay.org";

    /** The API version of the resource. */
    public static final String VERSION = "v1alpha1";
}
