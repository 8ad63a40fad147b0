package dev.tusk.bench;

/**
 * The server every driver connects to: the embedded cluster, over TCP on the loopback, without
 * SSL, with trust authentication (so no driver spends time on a password exchange per connection).
 *
 * @param host     the server's address
 * @param port     its TCP port
 * @param user     the role to connect as
 * @param database the database holding the benchmark tables
 */
record Target(String host, int port, String user, String database) {

    /** A libpq URI for Tusk, with SSL off. */
    String uri() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database + "?sslmode=disable";
    }

    /** A JDBC URL for pgjdbc, with SSL off and {@code extra} parameters appended ({@code &k=v...}). */
    String jdbcUrl(String extra) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=disable" + extra;
    }
}
