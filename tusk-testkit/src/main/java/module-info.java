/**
 * Tusk's test kit: throw-away PostgreSQL servers for tests, started from the
 * {@code io.zonky.test.postgres} binaries. See {@link dev.tusk.testkit.TempCluster} and
 * {@link dev.tusk.testkit.TestDatabase}.
 */
module dev.tusk.testkit {
    requires java.net.http;
    requires org.tukaani.xz;

    exports dev.tusk.testkit;
}
