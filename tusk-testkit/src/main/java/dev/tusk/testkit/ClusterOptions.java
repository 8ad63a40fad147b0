package dev.tusk.testkit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The validated, immutable options a {@link TempCluster} was built with. */
record ClusterOptions(
        String version,
        AuthMethod authMethod,
        String superuser,
        String password,
        Map<String, String> settings,
        List<String> hbaLines,
        boolean ssl,
        Duration startTimeout) {

    ClusterOptions {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        hbaLines = List.copyOf(hbaLines);
    }

    /** These options with one more server setting, which replaces an earlier one of that name. */
    ClusterOptions withSetting(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(name, value);
        return new ClusterOptions(version, authMethod, superuser, password, more, hbaLines, ssl, startTimeout);
    }

    @Override
    public String toString() {
        return "ClusterOptions[version=" + version + ", authMethod=" + authMethod + ", superuser=" + superuser
                + ", password=***, settings=" + settings + ", hbaLines=" + hbaLines + ", ssl=" + ssl
                + ", startTimeout=" + startTimeout + "]";
    }
}
