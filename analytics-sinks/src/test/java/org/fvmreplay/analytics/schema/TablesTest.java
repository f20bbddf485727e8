package org.fvmreplay.analytics.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.fvmreplay.analytics.Fixtures;
import org.junit.jupiter.api.Test;

class TablesTest {
    @Test
    void looksTablesUpByName() {
        assertThat(Tables.names())
                .containsExactly(
                        "tipsets",
                        "messages",
                        "calls",
                        "gas_charges",
                        "syscalls",
                        "events",
                        "state_diffs",
                        "repricing");
        assertThat(Tables.replayNames()).doesNotContain("repricing").hasSize(Tables.ALL.size() - 1);
        assertThat(Tables.byName("gas_charges")).isSameAs(Tables.GAS_CHARGES);
        assertThat(Tables.parse("calls, messages,calls")).containsExactly(Tables.MESSAGES, Tables.CALLS);
    }

    @Test
    void unknownTableNamesFailListingTheValidOnes() {
        String valid = "valid tables: tipsets, messages, calls, gas_charges, syscalls, events, state_diffs, repricing";
        assertThatThrownBy(() -> Tables.byName("message"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown table 'message'; " + valid);
        assertThatThrownBy(() -> Tables.parse("messages,trace,gas"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown tables 'trace', 'gas'; " + valid);
        assertThatThrownBy(() -> Tables.parse(" , "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no table selected; " + valid);
    }

    /** Every record component is a column, in order, under its snake_case name, and each column reads its own component. */
    @Test
    void columnsAreTheRowComponentsInOrder() throws Exception {
        for (Table<?> table : Tables.ALL) {
            RecordComponent[] components = table.rowType().getRecordComponents();
            assertThat(table.columnNames())
                    .as(table.name())
                    .containsExactlyElementsOf(Arrays.stream(components)
                            .map(c -> snake(c.getName()))
                            .toList());
            Object row = Fixtures.full(table, 100, 1);
            for (int i = 0; i < components.length; i++) {
                @SuppressWarnings("unchecked")
                Column<Object> column = (Column<Object>) table.columns().get(i);
                assertThat(comparable(column.valueOf(row)))
                        .as(table.name() + "." + column.name())
                        .isEqualTo(comparable(components[i].getAccessor().invoke(row)));
            }
        }
    }

    /** Fixtures.full gives each field of a row its own value, so the check above would see a column bound to the wrong field. */
    @Test
    @SuppressWarnings("unchecked")
    void fullFixturesHaveDistinctValuesPerType() {
        for (Table<?> table : Tables.ALL) {
            Object row = Fixtures.full(table, 100, 1);
            List<Object> values = table.columns().stream()
                    .filter(c -> c.type() instanceof ColumnType.Primitive p && p != ColumnType.Primitive.BOOLEAN)
                    .map(c -> comparable(((Column<Object>) c).valueOf(row)))
                    .toList();
            assertThat(values).as(table.name()).doesNotHaveDuplicates();
        }
    }

    @Test
    void rejectsBadDefinitions() {
        assertThatThrownBy(() -> Columns.of(String.class)
                        .required("a", ColumnType.Primitive.INT64, "x", s -> 1L)
                        .required("a", ColumnType.Primitive.INT64, "y", s -> 2L)
                        .build())
                .hasMessage("duplicate column a");
        assertThatThrownBy(() -> Columns.of(String.class).required("gasUsed", ColumnType.Primitive.INT64, "x", s -> 1L))
                .hasMessageContaining("snake_case");
        assertThatThrownBy(
                        () -> Columns.of(String.class).required("a", ColumnType.Primitive.INT64, "two\nlines", s -> 1L))
                .hasMessageContaining("one line");
        assertThatThrownBy(() -> new ColumnType.ListOf(new ColumnType.ListOf(ColumnType.Primitive.INT64)))
                .hasMessageContaining("lists of lists");
    }

    @Test
    void namesTypesForParquetAndDuckDb() {
        ColumnType entries = Tables.EVENTS.column("entries").type();
        assertThat(entries.parquetName()).isEqualTo("LIST<STRUCT<flags INT64, key STRING, codec INT64, value BINARY>>");
        assertThat(entries.duckDbName()).isEqualTo("STRUCT(flags BIGINT, key VARCHAR, codec BIGINT, value BLOB)[]");
        assertThat(Tables.TIPSETS.column("base_fee").type().duckDbName()).isEqualTo("DECIMAL(38,0)");
    }

    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TablesTest::comparable).toList();
        }
        return value;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
