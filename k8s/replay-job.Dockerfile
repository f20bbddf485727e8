# The image of the Flink pods of a ReplayRun: the official Flink image with the replay job jar where the operator's
# FlinkDeployments look for it (jarURI local:///opt/flink/usrlib/fvm-replay.jar). Build the jar first, then the
# image from the repository's root:
#
#   ./mvnw -B -q -DskipTests -Pcluster-jar package -pl replay-job -am
#   docker build -f k8s/replay-job.Dockerfile -t registry.example.org/fvm-replay-flink:0.1.0 .
FROM flink:2.3.0-java17
COPY --chown=flink:flink replay-job/target/replay-job-0.1.0-SNAPSHOT-flink.jar /opt/flink/usrlib/fvm-replay.jar
