package de.mitzeichnen.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The application's own settings, from {@code mitzeichnen.*} in application.yml and environment
 * variables.
 */
@ConfigurationProperties("mitzeichnen")
public class MitzeichnenConfig {

    /** Times are shown to people in this zone; everything is stored in UTC. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private String baseUrl = "http://localhost:8080";
    private String dataDir = "data";
    private String demo = "";
    private String imprintUrl = "";
    private String privacyUrl = "";

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    /** Empty: decided by whether the embedded database runs; "true"/"false" overrides. */
    public String getDemo() {
        return demo;
    }

    public void setDemo(String demo) {
        this.demo = demo == null ? "" : demo.trim();
    }

    public String getImprintUrl() {
        return imprintUrl;
    }

    public void setImprintUrl(String imprintUrl) {
        this.imprintUrl = imprintUrl == null ? "" : imprintUrl.trim();
    }

    public String getPrivacyUrl() {
        return privacyUrl;
    }

    public void setPrivacyUrl(String privacyUrl) {
        this.privacyUrl = privacyUrl == null ? "" : privacyUrl.trim();
    }

    public boolean isSecureBaseUrl() {
        return URI.create(baseUrl).getScheme().equals("https");
    }

    /**
     * A base URL on localhost, 127.0.0.1 or [::1] means development; any other means production,
     * where secrets must come from the environment and there is no dev mailbox.
     */
    public boolean isDevelopment() {
        return isLoopbackHost(URI.create(baseUrl).getHost());
    }

    /** localhost (and *.localhost), 127.x.y.z or ::1, with or without brackets. */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.matches("127(\\.\\d{1,3}){3}")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * The data directory as an absolute path. A relative one is taken from the project folder when
     * the process runs inside Maven's target/ (as {@code mn:run} does), so that {@code mvn clean}
     * keeps the data.
     */
    public Path resolvedDataDir() {
        Path dir = Path.of(dataDir);
        if (dir.isAbsolute()) {
            return dir.normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path name = cwd.getFileName();
        Path parent = cwd.getParent();
        if (name != null
                && parent != null
                && name.toString().equals("target")
                && Files.exists(parent.resolve("pom.xml"))) {
            cwd = parent;
        }
        return cwd.resolve(dir).normalize();
    }
}
