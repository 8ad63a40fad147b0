package dev.tusk.bench;

import dev.tusk.Connection;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

/**
 * Tusk's {@code copyRecordsToTable(String, Iterable, CopyOptions)} with default options, looked up
 * at run time so that the bench builds against a Tusk without it ({@link #find()} is then null
 * and the bulk row says "not run").
 */
final class TuskCopy {

    private final MethodHandle copyRecordsToTable;
    private final Object defaultOptions;

    private TuskCopy(MethodHandle copyRecordsToTable, Object defaultOptions) {
        this.copyRecordsToTable = copyRecordsToTable;
        this.defaultOptions = defaultOptions;
    }

    /** The method of the Tusk on the class path, or null when it has none. */
    static TuskCopy find() {
        try {
            Class<?> options = Class.forName("dev.tusk.CopyOptions");
            Object defaults = options.getMethod("defaults").invoke(null);
            MethodHandle copy = MethodHandles.publicLookup().findVirtual(Connection.class, "copyRecordsToTable",
                    MethodType.methodType(CompletableFuture.class, String.class, Iterable.class, options));
            return new TuskCopy(copy, defaults);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("copyRecordsToTable is not usable: " + e, e);
        }
    }

    /** Empties the table, then loads {@code rows} rows of {@link RowValues} into it; completes with the row count. */
    CompletableFuture<Integer> load(Connection connection, int rows) {
        return connection.execute("TRUNCATE " + Workload.COPY_TABLE)
                .thenCompose(status -> copy(connection, new GeneratedRows(rows)))
                .thenApply(status -> rows);
    }

    private CompletableFuture<?> copy(Connection connection, Iterable<Object[]> records) {
        try {
            return (CompletableFuture<?>) copyRecordsToTable.invoke(connection, Workload.COPY_TABLE, records,
                    defaultOptions);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("copyRecordsToTable threw " + e, e);
        }
    }

    /** Rows of {@link RowValues}, made as they are iterated. */
    private static final class GeneratedRows implements Iterable<Object[]> {

        private final int rows;

        GeneratedRows(int rows) {
            this.rows = rows;
        }

        @Override
        public Iterator<Object[]> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < rows;
                }

                @Override
                public Object[] next() {
                    if (next == rows) {
                        throw new java.util.NoSuchElementException("all " + rows + " rows were read");
                    }
                    int i = next++;
                    return new Object[] {RowValues.a(i), RowValues.b(i), RowValues.c(i), RowValues.d(i), RowValues.e(i)};
                }
            };
        }
    }
}
