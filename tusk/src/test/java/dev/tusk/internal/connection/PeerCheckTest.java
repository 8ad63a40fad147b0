package dev.tusk.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * requirepeer's comparison for an epoll peer (the Unix-socket tests cover the usual path, where
 * the peer's {@code /proc} entry names its user): here the process id has no {@code /proc}
 * entry, as with a hidden or vanished process, and the user ids are compared instead.
 */
class PeerCheckTest {

    private static final int NO_SUCH_PROCESS = Integer.MAX_VALUE;

    @Test
    void withoutTheProcessEntryTheUserIdsAreCompared() throws Exception {
        int ownUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        String ownName = Files.getOwner(Path.of("/proc/self")).getName();

        assertThat(PeerCheck.failure(ownName, ownUid, NO_SUCH_PROCESS)).isNull();
        assertThat(PeerCheck.failure(ownName, ownUid + 1, NO_SUCH_PROCESS))
                .isEqualTo("requirepeer specifies \"" + ownName + "\", but actual peer user ID is " + (ownUid + 1));
        assertThat(PeerCheck.failure("tusk-no-such-user", ownUid, NO_SUCH_PROCESS))
                .isEqualTo("requirepeer specifies \"tusk-no-such-user\", but actual peer user ID is " + ownUid);
    }

    @Test
    void withTheProcessEntryItsOwnersNameIsCompared() throws Exception {
        int ownUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int ownPid = (int) ProcessHandle.current().pid();
        String ownName = Files.getOwner(Path.of("/proc/self")).getName();

        assertThat(PeerCheck.failure(ownName, ownUid, ownPid)).isNull();
        assertThat(PeerCheck.failure("tusk-no-such-user", ownUid, ownPid))
                .isEqualTo("requirepeer specifies \"tusk-no-such-user\", but actual peer user name is \"" + ownName + "\"");
    }
}
