package dev.tusk.internal.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.HostAndPort;
import dev.tusk.exceptions.InterfaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostListTest {

    @TempDir
    Path directory;

    private List<HostAndPort> resolve(String hosts, String ports) {
        return HostList.resolve(hosts, ports, "connection string", List.of(directory.resolve("none")));
    }

    @Test
    void onePortAppliesToEveryHost() {
        assertThat(resolve("a,b,c", "6000")).containsExactly(
                new HostAndPort("a", 6000), new HostAndPort("b", 6000), new HostAndPort("c", 6000));
    }

    @Test
    void portsPairWithHostsByPosition() {
        assertThat(resolve("a,b", "5432,5433"))
                .containsExactly(new HostAndPort("a", 5432), new HostAndPort("b", 5433));
    }

    @Test
    void emptyItemsMeanTheDefaults() {
        assertThat(resolve("a,", ",7000"))
                .containsExactly(new HostAndPort("a", 5432), new HostAndPort("localhost", 7000));
        assertThat(resolve(null, null)).containsExactly(new HostAndPort("localhost", 5432));
    }

    @Test
    void countMismatchFailsNamingBothCounts() {
        assertThatThrownBy(() -> resolve("a,b", "1,2,3"))
                .isInstanceOf(InterfaceException.class)
                .hasMessageStartingWith("could not match 3 port numbers to 2 hosts");
        assertThatThrownBy(() -> resolve(null, "1,2"))
                .hasMessageStartingWith("could not match 2 port numbers to 1 hosts");
    }

    @Test
    void badPortNamesItsSource() {
        assertThatThrownBy(() -> HostList.resolve("h", "x", "environment variable PGPORT"))
                .hasMessage("invalid port number \"x\" in environment variable PGPORT (expected 1 to 65535)");
    }

    @Test
    void defaultHostIsTheFirstDirectoryHoldingThePortsSocket() throws IOException {
        Path empty = Files.createDirectory(directory.resolve("empty"));
        Path other = Files.createDirectory(directory.resolve("other"));
        Path served = Files.createDirectory(directory.resolve("served"));
        Files.createFile(other.resolve(".s.PGSQL.5433"));
        Files.createFile(served.resolve(".s.PGSQL.5432"));
        List<Path> candidates = List.of(empty, other, served);
        assertThat(HostList.defaultHost(5432, candidates)).isEqualTo(served.toString());
        assertThat(HostList.defaultHost(5433, candidates)).isEqualTo(other.toString());
        assertThat(HostList.defaultHost(5434, candidates)).isEqualTo("localhost");
    }

    @Test
    void hostsAreTrimmed() {
        assertThat(resolve(" a , b ", null))
                .containsExactly(new HostAndPort("a", 5432), new HostAndPort("b", 5432));
    }

    private List<HostAndPort> resolve(String hosts, String addresses, String ports) {
        return HostList.resolve(hosts, addresses, ports, "connection string", List.of(directory.resolve("none")));
    }

    @Test
    void hostaddrPairsWithHostsByPositionAndAnEmptyItemLooksTheNameUp() {
        assertThat(resolve("db1.example.com,db2.example.com", "10.0.0.1,", "5432,5433")).containsExactly(
                new HostAndPort("db1.example.com", 5432, "10.0.0.1"), new HostAndPort("db2.example.com", 5433));
        assertThat(resolve("db.example.com", "2001:db8::7", null))
                .containsExactly(new HostAndPort("db.example.com", 5432, "2001:db8::7"));
    }

    @Test
    void hostaddrAloneIsAlsoTheServersName() {
        assertThat(resolve(null, "127.0.0.1,::1", "6000")).containsExactly(
                new HostAndPort("127.0.0.1", 6000, "127.0.0.1"), new HostAndPort("::1", 6000, "::1"));
        assertThat(new HostAndPort("db.example.com", 5432, "10.0.0.1").toString())
                .isEqualTo("db.example.com (10.0.0.1):5432");
        assertThat(new HostAndPort("::1", 5432, "::1").toString()).isEqualTo("[::1]:5432");
    }

    @Test
    void hostaddrCountAndSyntaxAreChecked() {
        assertThatThrownBy(() -> resolve("a,b", "10.0.0.1", null))
                .isInstanceOf(InterfaceException.class)
                .hasMessage("could not match 2 host names to 1 hostaddr values");
        assertThatThrownBy(() -> resolve(null, "10.0.0.1,10.0.0.2", "1,2,3"))
                .hasMessageStartingWith("could not match 3 port numbers to 2 hosts");
        for (String notNumeric : new String[] {"db.example.com", "10.0.0", "10.0.0.256", "1.2.3.4.5", "::g"}) {
            assertThatThrownBy(() -> resolve("h", notNumeric, null))
                    .as(notNumeric)
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageStartingWith("could not parse network address \"" + notNumeric + "\"");
        }
    }
}
