package org.fvmreplay.analytics.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed analytics-sinks/SCHEMA.md is what the code generates, so the document cannot drift from the files. */
class SchemaDocTest {
    @Test
    void committedSchemaDocumentIsUpToDate() throws IOException {
        Path module = Path.of(System.getProperty("basedir", "."));
        String generated = Schemas.markdown();
        String committed = Files.readString(module.resolve("SCHEMA.md"), StandardCharsets.UTF_8);
        if (!committed.equals(generated)) {
            // leave the new text beside the build output so that a look at the difference is one diff away
            Files.createDirectories(module.resolve("target"));
            Files.writeString(module.resolve("target/SCHEMA.md"), generated, StandardCharsets.UTF_8);
        }
        assertThat(committed)
                .as(
                        "analytics-sinks/SCHEMA.md is stale (generated text in analytics-sinks/target/SCHEMA.md); regenerate it: "
                                + Schemas.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void documentsEveryColumnAndStructField() {
        String doc = Schemas.markdown();
        for (Table<?> table : Tables.ALL) {
            assertThat(doc).contains("\n## " + table.name() + "\n");
            for (Column<?> column : table.columns()) {
                assertThat(doc).contains("| `" + column.name() + "` | `");
            }
        }
        assertThat(doc)
                .contains("| `entries[].codec` | `INT64` | `BIGINT` | no |")
                .contains("| `state_fields[].old_value` | `BINARY` | `BLOB` | yes |");
    }
}
