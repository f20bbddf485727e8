package org.fvmreplay.analytics.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The schema document, generated from {@link Tables} so that it cannot drift from the files (a test compares it with the
 * committed {@code analytics-sinks/SCHEMA.md}). {@code main} regenerates that file.
 */
public final class Schemas {
    /** How to regenerate the committed document, from the repository root. */
    public static final String REGENERATE =
            "./mvnw -B -q -pl analytics-sinks compile && java -cp analytics-sinks/target/classes "
                    + Schemas.class.getName() + " analytics-sinks/SCHEMA.md";

    private Schemas() {}

    /** Writes the document to the file named by the only argument, or to standard output without one. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.out.print(markdown());
        } else if (args.length == 1) {
            Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
        } else {
            System.err.println("usage: Schemas [FILE]");
            System.exit(2);
        }
    }

    /** The Markdown description of every table: layout, conventions, and per table its columns, types, nullability and docs. */
    public static String markdown() {
        return markdown(Tables.ALL);
    }

    /** The Markdown description of {@code tables}. */
    public static String markdown(List<Table<?>> tables) {
        StringBuilder md = new StringBuilder();
        md.append("# Replay output tables\n\n");
        md.append(
                "<!-- Generated from org.fvmreplay.analytics.schema.Tables by Schemas.markdown(); do not edit. Regenerate from the repository root:\n");
        md.append("     ").append(REGENERATE).append(" -->\n\n");
        md.append(
                "A replay run writes one folder per table under its output folder, and in it one Parquet file (ZSTD) per chunk of\n");
        md.append(
                "tipset epochs, named `epochs-FROM-TO.parquet` (inclusive, zero-padded to 9 digits so that names sort by epoch), e.g.\n");
        md.append(
                "`messages/epochs-000000100-000000199.parquet`. Every table has a file for every finished chunk, empty or not.\n");
        md.append(
                "A chunk is finished when `_manifests/epochs-FROM-TO.json` exists (row counts, roots per tipset); a rerun skips\n");
        md.append(
                "finished chunks and redoes the others, replacing their files. `_run.json` holds what the run was started with.\n\n");
        md.append("```sql\n");
        md.append(
                "SELECT to_actor_type, count(*), sum(gas_used) FROM read_parquet('OUT/messages/*.parquet') GROUP BY 1 ORDER BY 3 DESC;\n");
        md.append("```\n\n");
        md.append("Conventions:\n\n");
        md.append(
                "- Token amounts are attoFIL (10^18 per FIL) as `DECIMAL(38,0)`, which DuckDB, pandas and Spark read as numbers.\n");
        md.append("- Gas is in gas units unless the column is named `*_milligas` (1 gas = 1000 milligas).\n");
        md.append("- CIDs and addresses are strings as Lotus prints them; actor IDs are `INT64`.\n");
        md.append(
                "- `calls`, `gas_charges`, `syscalls`, `events` and `state_diffs` join `messages` on `(execution_epoch, message_cid)`;\n");
        md.append("  the epoch lets readers skip the files of other chunks.\n");
        md.append("- Lists use Parquet's standard three-level `LIST` layout; their elements are never null.\n");
        for (Table<?> table : tables) {
            md.append("\n## ").append(table.name()).append("\n\n");
            md.append(table.doc()).append("\n\n");
            md.append("| column | Parquet type | DuckDB type | nullable | description |\n");
            md.append("| --- | --- | --- | --- | --- |\n");
            for (Column<?> column : table.columns()) {
                row(md, column.name(), column);
                ColumnType element = column.type() instanceof ColumnType.ListOf list ? list.element() : column.type();
                if (element instanceof ColumnType.StructOf struct) {
                    String prefix = column.name() + (column.type() instanceof ColumnType.ListOf ? "[]." : ".");
                    for (Column<?> field : struct.fields()) {
                        row(md, prefix + field.name(), field);
                    }
                }
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Column<?> column) {
        md.append("| `")
                .append(name)
                .append("` | `")
                .append(shortParquetName(column.type()))
                .append("` | `")
                .append(shortDuckDbName(column.type()))
                .append("` | ")
                .append(column.nullable() ? "yes" : "no")
                .append(" | ")
                .append(column.doc())
                .append(" |\n");
    }

    // structs are spelled out field by field in the rows below them, so their cell stays short
    private static String shortParquetName(ColumnType type) {
        if (type instanceof ColumnType.StructOf) {
            return "STRUCT";
        }
        if (type instanceof ColumnType.ListOf list) {
            return "LIST<" + shortParquetName(list.element()) + ">";
        }
        return type.parquetName();
    }

    private static String shortDuckDbName(ColumnType type) {
        if (type instanceof ColumnType.StructOf) {
            return "STRUCT";
        }
        if (type instanceof ColumnType.ListOf list) {
            return shortDuckDbName(list.element()) + "[]";
        }
        return type.duckDbName();
    }
}
