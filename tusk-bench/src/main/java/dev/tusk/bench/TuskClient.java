package dev.tusk.bench;

import dev.tusk.ConnectOptions;
import dev.tusk.TlsProvider;
import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tusk: one {@link Connection} per lane's connection, no pool; calls pipeline when several are
 * in flight on a connection. Every value of every row is read, with the typed getters where the
 * workload's types allow ({@code getInt}, {@code getLong}, ...), else with {@code get}.
 */
final class TuskClient implements AsyncClient {

    private final Connection[] connections;
    private final Workload workload;
    private final List<Object[]> batchRows;
    private final MethodHandle executemany = findExecutemany();
    private final TuskCopy copy;
    /** Keeps what was read from rows reachable, so that the JIT cannot drop the reading. */
    private int sink;

    private TuskClient(Connection[] connections, Workload workload) {
        this.connections = connections;
        this.workload = workload;
        this.batchRows = workload == Workload.BATCH ? batchRows() : List.of();
        this.copy = workload == Workload.BULK ? TuskCopy.find() : null;
    }

    static TuskClient open(Target target, Workload workload, int count) {
        if (workload == Workload.BULK && TuskCopy.find() == null) {
            throw new UnsupportedOperationException("copyRecordsToTable is not in this build of Tusk");
        }
        // The batch runs as pgjdbc's does with reWriteBatchedInserts=true: many rows per execution.
        ConnectOptions.Builder builder = ConnectOptions.builder().dsn(target.uri())
                .rewriteBatchedInserts(workload == Workload.BATCH);
        if (target.tls().on()) {
            builder.tlsProvider(target.tls() == Tls.OPENSSL ? TlsProvider.OPENSSL : TlsProvider.JDK);
        }
        ConnectOptions options = builder.build();
        Connection[] connections = new Connection[count];
        for (int i = 0; i < count; i++) {
            connections[i] = Tusk.connect(options).join();
        }
        return new TuskClient(connections, workload);
    }

    static List<Object[]> batchRows() {
        List<Object[]> rows = new ArrayList<>(Workload.BATCH_ROWS);
        for (int i = 0; i < Workload.BATCH_ROWS; i++) {
            rows.add(new Object[] {RowValues.a(i), RowValues.b(i), RowValues.c(i), RowValues.d(i), RowValues.e(i)});
        }
        return rows;
    }

    @Override
    public String variant() {
        if (workload == Workload.BULK) {
            return "copyRecordsToTable, binary";
        }
        if (workload != Workload.BATCH) {
            return "";
        }
        return executemany != null ? "executemany, rewriteBatchedInserts" : "1000 pipelined execute";
    }

    @Override
    public void start(int connection, Done done) {
        Connection conn = connections[connection];
        switch (workload) {
            case SELECT1:
                conn.fetchrow(workload.sql()).whenComplete((row, error) -> {
                    if (error != null) {
                        done.failed(error);
                    } else {
                        sink += row.getInt(0);
                        done.completed(1);
                    }
                });
                break;
            case PGTYPE:
                conn.fetch(workload.sql(), -1, true).whenComplete((rows, error) -> {
                    if (error != null) {
                        done.failed(error);
                    } else {
                        done.completed(readGeneric(rows));
                    }
                });
                break;
            case WIDE:
                conn.fetch(workload.sql()).whenComplete((rows, error) -> {
                    if (error != null) {
                        done.failed(error);
                    } else {
                        done.completed(readWide(rows));
                    }
                });
                break;
            case POINT:
                int aid = ThreadLocalRandom.current().nextInt(1, Workload.ACCOUNTS + 1);
                conn.fetchrow(workload.sql(), aid).whenComplete((row, error) -> {
                    if (error != null) {
                        done.failed(error);
                    } else {
                        sink += row.getInt(0);
                        done.completed(1);
                    }
                });
                break;
            case BATCH:
                if (executemany != null) {
                    executemany(conn).whenComplete((status, error) -> {
                        if (error != null) {
                            done.failed(error);
                        } else {
                            done.completed(Workload.BATCH_ROWS);
                        }
                    });
                } else {
                    new PipelinedExecutes(conn, workload.sql(), batchRows, done).start();
                }
                break;
            case BULK:
                copy.load(conn, Workload.BULK_ROWS).whenComplete((rows, error) -> {
                    if (error != null) {
                        done.failed(error);
                    } else {
                        done.completed(rows);
                    }
                });
                break;
            default:
                throw new IllegalStateException("workload " + workload.label() + " is not run by Tusk");
        }
    }

    private CompletableFuture<?> executemany(Connection conn) {
        try {
            return (CompletableFuture<?>) executemany.invoke(conn, workload.sql(), batchRows);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("executemany threw " + e, e);
        }
    }

    /**
     * {@code Connection.executemany(String, Iterable)}, looked up at run time so that the bench
     * builds against a Tusk without it; null when absent (the batch is then 1000 pipelined
     * {@code execute} calls, and the report says so).
     */
    private static MethodHandle findExecutemany() {
        try {
            return MethodHandles.publicLookup().findVirtual(Connection.class, "executemany",
                    MethodType.methodType(CompletableFuture.class, String.class, Iterable.class));
        } catch (NoSuchMethodException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Connection.executemany is not accessible: " + e.getMessage(), e);
        }
    }

    private int readGeneric(List<Record> rows) {
        sink += hashGeneric(rows);
        return rows.size();
    }

    private int readWide(List<Record> rows) {
        sink += hashWide(rows);
        return rows.size();
    }

    /** Reads every value of every row with {@code get}, as asyncpg users would. */
    static int hashGeneric(List<Record> rows) {
        int h = 0;
        for (Record row : rows) {
            for (int i = 0, n = row.size(); i < n; i++) {
                Object value = row.get(i);
                h += Consume.value(value);
            }
        }
        return h;
    }

    /** Reads the five values of each wide row with their typed getters. */
    static int hashWide(List<Record> rows) {
        int h = 0;
        for (Record row : rows) {
            h += row.getInt(0);
            h += (int) row.getLong(1);
            h += (int) row.getDouble(2);
            h += Consume.value(row.getString(3));
            h += row.get(4).hashCode();
        }
        return h;
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
