package org.fvmreplay.operator.flink;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The Flink Kubernetes Operator's FlinkDeployment ({@code flink.apache.org/v1beta1}), reduced to the fields the replay
 * operator sets and reads. Flink's own CR classes stop at operator 1.10 in Maven Central and bring Flink 1.x, so this
 * mirrors the documented resource; unknown fields of a real one are ignored when read.
 */
@Group("flink.apache.org")
@Version("v1beta1")
@Kind("FlinkDeployment")
@Plural("flinkdeployments")
public class FlinkDeployment extends CustomResource<FlinkDeploymentSpec, FlinkDeploymentStatus> implements Namespaced {
    private static final long serialVersionUID = 1L;
}
