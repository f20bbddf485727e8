# The operator's image. Build the module (its jar and target/lib, its run-time class path), then the image from the
# repository's root:
#
#   ./mvnw -B -q -DskipTests package -pl fvm-operator -am
#   docker build -f k8s/operator.Dockerfile -t registry.example.org/fvm-operator:0.1.0 .
FROM eclipse-temurin:17-jre
COPY fvm-operator/target/lib/ /opt/fvm-operator/lib/
COPY fvm-operator/target/fvm-operator-0.1.0-SNAPSHOT.jar /opt/fvm-operator/lib/
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/fvm-operator/lib/*", "org.fvmreplay.operator.OperatorMain"]
