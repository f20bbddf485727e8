#!/usr/bin/env bash
# Starts or stops a one-machine standalone Flink session cluster, a JobManager and a TaskManager JVM, from an existing
# Flink 2.x installation: its lib/ (Flink's jars and Log4j) and conf/ (config.yaml, log4j.properties). It starts them as
# the distribution's bin/jobmanager.sh and bin/taskmanager.sh do (JVM sizes from Flink's BashJavaUtils, the module flags
# of the distribution's default env.java.opts.all, logs in log/), for installations without those scripts; with a binary
# distribution, bin/start-cluster.sh and bin/stop-cluster.sh do the same. It downloads nothing.
#
#   FLINK_HOME=/opt/flink docs/flink-standalone.sh start   # REST API and web UI on rest.port (8081 by default)
#   FLINK_HOME=/opt/flink docs/flink-standalone.sh stop
#
# The job jar needs the class-loader setting of the README ("Running on a Flink cluster") in conf/config.yaml.
set -euo pipefail

: "${FLINK_HOME:?set FLINK_HOME to a Flink installation (a folder with lib/ and conf/)}"
cd "${FLINK_HOME}"
[ -d lib ] && [ -f conf/config.yaml ] || { echo "${FLINK_HOME}: no lib/ or conf/config.yaml" >&2; exit 2; }
mkdir -p log

if [ -n "${JAVA_HOME:-}" ] && [ -x "${JAVA_HOME}/bin/java" ]; then java="${JAVA_HOME}/bin/java"; else java=java; fi

# what Flink's default config.yaml puts in env.java.opts.all for Java 17 (Kryo and Flink's own reflection)
java_opts="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED ${FLINK_JAVA_OPTS:-}"

# Flink's own sizing of a process from conf/config.yaml: line 1 the JVM options, line 2 the dynamic properties
resources() {
    "${java}" -cp "lib/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir conf 2>/dev/null \
        | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

start() {
    local name=$1 main=$2 kind=$3
    if [ -f "log/${name}.pid" ] && kill -0 "$(cat "log/${name}.pid")" 2>/dev/null; then
        echo "${name} already runs (pid $(cat "log/${name}.pid"))" >&2
        return
    fi
    local sizes
    mapfile -t sizes < <(resources "${kind}")
    [ "${#sizes[@]}" -eq 2 ] || { echo "BashJavaUtils ${kind} failed: check conf/config.yaml" >&2; exit 1; }
    # word splitting of the options is intended
    # shellcheck disable=SC2086
    nohup "${java}" ${java_opts} ${sizes[0]} -Dlog.file="log/${name}.log" -Dlog4j.configurationFile="file:conf/log4j.properties" \
        -cp "lib/*" "${main}" --configDir conf ${sizes[1]} > "log/${name}.out" 2>&1 &
    echo $! > "log/${name}.pid"
    echo "${name} started (pid $!, log ${FLINK_HOME}/log/${name}.log)"
}

case "${1:-}" in
    start)
        start jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
        start taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS
        ;;
    stop)
        for name in taskmanager jobmanager; do
            if [ -f "log/${name}.pid" ]; then
                kill "$(cat "log/${name}.pid")" 2>/dev/null && echo "${name} stopped (pid $(cat "log/${name}.pid"))"
                rm -f "log/${name}.pid"
            fi
        done
        ;;
    *)
        echo "usage: FLINK_HOME=DIR $0 start|stop" >&2
        exit 2
        ;;
esac
