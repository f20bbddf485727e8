package org.fvmreplay.operator.run;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to replay and where to write it: the replay job's command line ({@code fvm-replay job}) plus what the Flink
 * cluster that runs it needs. Paths are as the JobManager and TaskManager pods see them.
 *
 * <p>The API server refuses a bad epoch range, an unknown table or engine and any change to the spec of an existing
 * run (rules in the generated CRD); the operator checks the same before it creates anything (see {@code
 * ReplayRunValidation}).
 */
@ValidationRule(
        value = "!has(self.fromEpoch) || !has(self.toEpoch) || self.fromEpoch <= self.toEpoch",
        message = "fromEpoch must not be after toEpoch")
@ValidationRule(
        value = "self == oldSelf",
        message = "the spec of a ReplayRun cannot change: delete the run and create a new one with the same output,"
                + " which skips the chunks already written")
public class ReplayRunSpec {
    @Required
    @Pattern("^/.*")
    @JsonPropertyDescription("the store made by 'fvm-replay import', an absolute path in the pods (--store)")
    private String store;

    @Pattern("^/.*")
    @JsonPropertyDescription("the chain's network manifest.json (--network); default: the store's own")
    private String network;

    @Pattern("^/.*")
    @JsonPropertyDescription("the builtin-actors bundles folder for migrations (--actors)")
    private String actors;

    @Min(0)
    @Max(999_999_999)
    @JsonPropertyDescription("first epoch (--from); default: the first of the store's chain index")
    private Long fromEpoch;

    @Min(0)
    @Max(999_999_999)
    @JsonPropertyDescription("last epoch (--to); default: the last the store can check")
    private Long toEpoch;

    @Min(1)
    @Default("50")
    @JsonPropertyDescription("epochs per chunk (--chunk-epochs)")
    private Integer chunkEpochs = 50;

    @Min(1)
    @Default("2")
    @JsonPropertyDescription("the job's parallelism: slots in all (--parallelism)")
    private Integer parallelism = 2;

    @Default("wasmtime")
    @JsonPropertyDescription("the WebAssembly engine (--engine): wasmtime, or chicory (pure Java, slower)")
    private ReplayEngine engine = ReplayEngine.WASMTIME;

    @Size(max = 8)
    @JsonPropertyDescription("the tables to write (--tables); default: all but repricing (with repricing, all)")
    private List<ReplayTable> tables = new ArrayList<>();

    @JsonPropertyDescription("replay every tipset again under other prices (--price-nv, --price-list)")
    private PriceChange repricing;

    @Required
    @Pattern("^/.*")
    @JsonPropertyDescription("the output folder (--out), on a volume every pod writes")
    private String output;

    @Pattern("^/.*")
    @JsonPropertyDescription(
            "a folder for the actors' compiled code (--code-cache), shared by the runs that name it: a later run loads"
                    + " the code instead of compiling it")
    private String codeCache;

    @JsonPropertyDescription("a ReadWriteMany PersistentVolumeClaim mounted in every pod at dataMountPath")
    private String dataVolumeClaim;

    @Pattern("^/.*")
    @Default("/data")
    @JsonPropertyDescription("where dataVolumeClaim is mounted")
    private String dataMountPath = "/data";

    @Required
    @JsonPropertyDescription("the replay-job image (k8s/replay-job.Dockerfile)")
    private String image;

    @Default("v2_0")
    @JsonPropertyDescription("the FlinkDeployment's flinkVersion: the v2_x value of your Flink operator release")
    private String flinkVersion = "v2_0";

    @Default("flink")
    @JsonPropertyDescription("the service account of the Flink pods")
    private String serviceAccount = "flink";

    @JsonPropertyDescription("JobManager resources; default 1 CPU, 2048m")
    private ProcessResources jobManager;

    @JsonPropertyDescription("resources of each TaskManager; default 2 CPU, 4096m")
    private ProcessResources taskManager;

    @Min(1)
    @Default("2")
    @JsonPropertyDescription("slots per TaskManager")
    private Integer taskSlots = 2;

    @Min(0)
    @Default("0")
    @JsonPropertyDescription("how many times a failed Flink job is restarted (each restart resumes from the output)")
    private Integer maxRetries = 0;

    @JsonPropertyDescription("more Flink configuration, added to what the operator sets")
    private Map<String, String> flinkConfiguration = new LinkedHashMap<>();

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public String getNetwork() {
        return network;
    }

    public void setNetwork(String network) {
        this.network = network;
    }

    public String getActors() {
        return actors;
    }

    public void setActors(String actors) {
        this.actors = actors;
    }

    public Long getFromEpoch() {
        return fromEpoch;
    }

    public void setFromEpoch(Long fromEpoch) {
        this.fromEpoch = fromEpoch;
    }

    public Long getToEpoch() {
        return toEpoch;
    }

    public void setToEpoch(Long toEpoch) {
        this.toEpoch = toEpoch;
    }

    public Integer getChunkEpochs() {
        return chunkEpochs;
    }

    public void setChunkEpochs(Integer chunkEpochs) {
        this.chunkEpochs = chunkEpochs;
    }

    public Integer getParallelism() {
        return parallelism;
    }

    public void setParallelism(Integer parallelism) {
        this.parallelism = parallelism;
    }

    public ReplayEngine getEngine() {
        return engine;
    }

    public void setEngine(ReplayEngine engine) {
        this.engine = engine;
    }

    public List<ReplayTable> getTables() {
        return tables;
    }

    public void setTables(List<ReplayTable> tables) {
        this.tables = tables;
    }

    public PriceChange getRepricing() {
        return repricing;
    }

    public void setRepricing(PriceChange repricing) {
        this.repricing = repricing;
    }

    public String getOutput() {
        return output;
    }

    public void setOutput(String output) {
        this.output = output;
    }

    public String getCodeCache() {
        return codeCache;
    }

    public void setCodeCache(String codeCache) {
        this.codeCache = codeCache;
    }

    public String getDataVolumeClaim() {
        return dataVolumeClaim;
    }

    public void setDataVolumeClaim(String dataVolumeClaim) {
        this.dataVolumeClaim = dataVolumeClaim;
    }

    public String getDataMountPath() {
        return dataMountPath;
    }

    public void setDataMountPath(String dataMountPath) {
        this.dataMountPath = dataMountPath;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getFlinkVersion() {
        return flinkVersion;
    }

    public void setFlinkVersion(String flinkVersion) {
        this.flinkVersion = flinkVersion;
    }

    public String getServiceAccount() {
        return serviceAccount;
    }

    public void setServiceAccount(String serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    public ProcessResources getJobManager() {
        return jobManager;
    }

    public void setJobManager(ProcessResources jobManager) {
        this.jobManager = jobManager;
    }

    public ProcessResources getTaskManager() {
        return taskManager;
    }

    public void setTaskManager(ProcessResources taskManager) {
        this.taskManager = taskManager;
    }

    public Integer getTaskSlots() {
        return taskSlots;
    }

    public void setTaskSlots(Integer taskSlots) {
        this.taskSlots = taskSlots;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Map<String, String> getFlinkConfiguration() {
        return flinkConfiguration;
    }

    public void setFlinkConfiguration(Map<String, String> flinkConfiguration) {
        this.flinkConfiguration = flinkConfiguration;
    }
}
