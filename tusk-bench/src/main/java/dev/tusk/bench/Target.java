package dev.tusk.bench;

/**
 * The server every driver connects to: the embedded cluster, over TCP on the loopback, with trust
 * authentication (so no driver spends time on a password exchange per connection), and with TLS
 * ({@code sslmode=require} for every driver: encrypted, certificate not verified; see {@link Tls})
 * or without.
 *
 * @param host     the server's address
 * @param port     its TCP port
 * @param user     the role to connect as
 * @param database the database holding the benchmark tables
 * @param tls      whether and how every connection encrypts
 */
record Target(String host, int port, String user, String database, Tls tls) {

    /** A libpq URI for Tusk. */
    String uri() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database + "?sslmode=" + sslmode();
    }

    /** A JDBC URL for pgjdbc, with {@code extra} parameters appended ({@code &k=v...}). */
    String jdbcUrl(String extra) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslmode() + extra;
    }

    /** libpq's (and pgjdbc's) {@code sslmode}: {@code require} with TLS, {@code disable} without. */
    String sslmode() {
        return tls.on() ? "require" : "disable";
    }
}
