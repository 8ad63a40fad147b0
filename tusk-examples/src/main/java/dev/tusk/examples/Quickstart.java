package dev.tusk.examples;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.testkit.TempCluster;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Connects to PostgreSQL, creates a table, inserts rows with parameters, reads them back and
 * prints what it did. Uses {@code $DATABASE_URL} when set, otherwise starts an embedded
 * PostgreSQL from the test kit.
 */
public final class Quickstart {

    public static void main(String[] args) throws Exception {
        String dsn = System.getenv("DATABASE_URL");
        TempCluster cluster = null;
        if (dsn == null || dsn.isBlank()) {
            System.out.println("Starting an embedded PostgreSQL from the test kit...");
            cluster = TempCluster.builder().start();
            dsn = cluster.dsn();
        }
        try (Connection conn = Tusk.connect(dsn).join()) {
            System.out.println("Connected to PostgreSQL " + conn.getServerVersion() + ", backend pid "
                    + conn.getServerPid());

            String status = conn.execute("""
                    CREATE TEMPORARY TABLE tusk_quickstart (
                        id integer PRIMARY KEY,
                        name text NOT NULL,
                        joined timestamptz NOT NULL DEFAULT now()
                    )""").join();
            System.out.println(status);

            String[] names = {"Ada", "Grace", "Edsger"};
            for (int i = 0; i < names.length; i++) {
                System.out.println(conn.execute("INSERT INTO tusk_quickstart (id, name) VALUES ($1, $2)",
                        i + 1, names[i]).join());
            }

            List<Record> rows = conn.fetch("SELECT id, name, joined FROM tusk_quickstart WHERE id >= $1 ORDER BY id", 1)
                    .join();
            System.out.println("Fetched " + rows.size() + " rows:");
            for (Record row : rows) {
                int id = row.getInt("id");
                String name = row.getString("name");
                OffsetDateTime joined = row.get("joined", OffsetDateTime.class);
                System.out.println("  " + id + " | " + name + " | " + joined);
            }

            long count = conn.<Long>fetchval("SELECT count(*) FROM tusk_quickstart").join();
            System.out.println("count(*) = " + count);
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
