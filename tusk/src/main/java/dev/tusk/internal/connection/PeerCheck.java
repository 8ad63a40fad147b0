package dev.tusk.internal.connection;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioChannelOption;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * libpq's {@code requirepeer}: the process at the other end of a Unix-domain socket must run as
 * the named operating-system user, which the kernel vouches for ({@code SO_PEERCRED}); a process
 * that took the socket's place under another user is refused before anything is sent to it.
 * Looks up users and files, so it must not run on an event loop.
 */
final class PeerCheck {

    private PeerCheck() {
    }

    /** Null when the peer runs as {@code required}; otherwise why not, in libpq's words. */
    static String failure(Channel channel, String required) {
        try {
            if (!Transports.isEpoll()) {
                UnixDomainPrincipal peer = channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.SO_PEERCRED));
                return mismatch(required, peer.user().getName());
            }
            int[] uidAndPid = EpollTransport.peerUidAndPid(channel);
            return failure(required, uidAndPid[0], uidAndPid[1]);
        } catch (IOException | RuntimeException e) {
            return "could not get peer credentials: " + e.getMessage();
        }
    }

    /**
     * The check for a peer known by its user and process ids. The user's name is the owner of the
     * process's {@code /proc} entry, which the JDK names as {@code getpwuid} does; where that
     * entry is hidden or owned by another user (a process that is not dumpable), the ids of
     * {@code required} and of the peer are compared instead.
     */
    static String failure(String required, int uid, int pid) throws IOException {
        Path process = Path.of("/proc", Integer.toString(pid));
        if (Files.isDirectory(process) && Integer.valueOf(uid).equals(Files.getAttribute(process, "unix:uid"))) {
            return mismatch(required, Files.getOwner(process).getName());
        }
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal peer = users.lookupPrincipalByName(Integer.toString(uid));
        try {
            if (users.lookupPrincipalByName(required).equals(peer)) {
                return null;
            }
        } catch (UserPrincipalNotFoundException e) {
            // no such user: it cannot be the peer
        }
        return "requirepeer specifies \"" + required + "\", but actual peer user ID is " + uid;
    }

    private static String mismatch(String required, String actual) {
        return required.equals(actual) ? null
                : "requirepeer specifies \"" + required + "\", but actual peer user name is \"" + actual + "\"";
    }
}
