package dev.tusk.testkit;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The operating-system user the server runs as. {@code initdb} and {@code postgres} refuse to
 * run as root, so when the JVM is root (as in CI containers) every server command is run as an
 * unprivileged user (system property {@code tusk.testkit.serverUser}, default {@code nobody})
 * through {@code setpriv} or {@code runuser}, and the files the server uses are handed to it.
 * Otherwise commands run directly as the current user.
 */
final class ServerUser {

    private static ServerUser current;

    private final String name;
    private final List<String> prefix;
    private final String groupName;

    private ServerUser(String name, String groupName, List<String> prefix) {
        this.name = name;
        this.groupName = groupName;
        this.prefix = prefix;
    }

    /**
     * The server user for this JVM, detected on first use (lazily, so that a failure surfaces
     * as a {@link TempClusterException} rather than a class initialization error).
     */
    static synchronized ServerUser current() {
        if (current == null) {
            current = detect();
        }
        return current;
    }

    /** Whether commands run as another user than the JVM's. */
    boolean switchesUser() {
        return !prefix.isEmpty();
    }

    /** The user name the server runs as. */
    String name() {
        return name;
    }

    /** Returns {@code command} wrapped so that it runs as the server user. */
    List<String> command(List<String> command) {
        List<String> wrapped = new ArrayList<>(prefix);
        wrapped.addAll(command);
        return wrapped;
    }

    /** Makes the server user the owner of {@code path} and, for a directory, of all it holds. */
    void handOver(Path path) {
        if (!switchesUser()) {
            return;
        }
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        try (Stream<Path> paths = Files.walk(path)) {
            UserPrincipal owner = lookup.lookupPrincipalByName(name);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(groupName);
            for (Path p : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setOwner(owner);
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw new TempClusterException("could not hand " + path + " over to user " + name + ": " + e, e);
        }
    }

    private static ServerUser detect() {
        String self = System.getProperty("user.name");
        if (!runningAsRoot()) {
            return new ServerUser(self, null, List.of());
        }
        String user = System.getProperty("tusk.testkit.serverUser", "nobody");
        String[] account = passwdEntry(user);
        String uid = account[2];
        String gid = account[3];
        String group = groupName(gid);
        for (String setpriv : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (Files.isExecutable(Path.of(setpriv))) {
                return new ServerUser(user, group, List.of(setpriv, "--reuid=" + uid, "--regid=" + gid,
                        "--clear-groups", "--"));
            }
        }
        for (String runuser : List.of("/usr/sbin/runuser", "/sbin/runuser")) {
            if (Files.isExecutable(Path.of(runuser))) {
                return new ServerUser(user, group, List.of(runuser, "-u", user, "--"));
            }
        }
        throw new TempClusterException("running as root, PostgreSQL must run as the unprivileged user " + user
                + ", but neither setpriv nor runuser was found");
    }

    private static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String effectiveUid = line.substring(4).trim().split("\\s+")[1];
                    return effectiveUid.equals("0");
                }
            }
        } catch (IOException e) {
            // No procfs (not Linux): the user name is the next best evidence.
            return "root".equals(System.getProperty("user.name"));
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private static String[] passwdEntry(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length >= 4 && fields[0].equals(user)) {
                    return fields;
                }
            }
        } catch (IOException e) {
            throw new TempClusterException("could not read /etc/passwd to find the server user " + user, e);
        }
        throw new TempClusterException("running as root, PostgreSQL must run as an unprivileged user, but user "
                + user + " does not exist (choose another with -Dtusk.testkit.serverUser=NAME)");
    }

    private static String groupName(String gid) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/group"))) {
                String[] fields = line.split(":");
                if (fields.length >= 3 && fields[2].equals(gid)) {
                    return fields[0];
                }
            }
        } catch (IOException e) {
            throw new TempClusterException("could not read /etc/group to find group " + gid, e);
        }
        throw new TempClusterException("group " + gid + " of the server user is not in /etc/group");
    }
}
