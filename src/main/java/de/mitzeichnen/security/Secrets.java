package de.mitzeichnen.security;

import de.mitzeichnen.config.MitzeichnenConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.data.exceptions.DataAccessException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's signing secret and the keys derived from it, one per purpose (sessions, forms),
 * and the separate key of hashed client addresses. In production (a base URL that is not localhost)
 * both come from the environment — MITZEICHNEN_SESSION_SECRET and MITZEICHNEN_IP_HASH_KEY, at least
 * 32 characters each and different — or the service does not start; production never reads the
 * {@code app_secret} table, so a copy of the database gives nobody the keys. In development a
 * missing secret is generated once and stored there (shared by all local instances, sessions
 * survive restarts), and the address key is derived from it. Created at start ({@code @Context}) so
 * that a missing secret stops the start, not the first request.
 */
@Context
public class Secrets {

    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);
    static final int MIN_LENGTH = 32;
    private static final String STORED_NAME = "session-signing";

    /**
     * Client addresses are hashed with their own key (MITZEICHNEN_IP_HASH_KEY), never with the
     * session secret.
     */
    static final String ADDRESS_PURPOSE = "client-address";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] master;
    private final byte[] addressKey;

    Secrets(SecurityConfig config, MitzeichnenConfig app, AppSecretRepository stored, Clock clock) {
        String configured = config.getSessionSecret();
        String ipKey = config.getIpHashKey();
        if (!app.isDevelopment()) {
            require(
                    configured,
                    "MITZEICHNEN_SESSION_SECRET",
                    "it signs the console's session and form cookies",
                    app.getBaseUrl());
            require(
                    ipKey,
                    "MITZEICHNEN_IP_HASH_KEY",
                    "it keys the hashes of client addresses",
                    app.getBaseUrl());
            if (configured.equals(ipKey)) {
                throw new ConfigurationException(
                        "MITZEICHNEN_IP_HASH_KEY must differ from MITZEICHNEN_SESSION_SECRET "
                                + "(each key has one purpose).");
            }
        }
        if (!ipKey.isEmpty() && ipKey.length() < MIN_LENGTH) {
            throw new ConfigurationException(
                    "MITZEICHNEN_IP_HASH_KEY must be at least "
                            + MIN_LENGTH
                            + " characters long. Generate one with e.g. 'openssl rand -base64 48'.");
        }
        if (!configured.isEmpty()) {
            if (configured.length() < MIN_LENGTH) {
                throw new ConfigurationException(
                        "MITZEICHNEN_SESSION_SECRET must be at least "
                                + MIN_LENGTH
                                + " characters long (it signs the console's session cookies). Generate one with e.g. "
                                + "'openssl rand -base64 48'.");
            }
            master = configured.getBytes(StandardCharsets.UTF_8);
        } else {
            master = storedSecret(stored, clock).getBytes(StandardCharsets.UTF_8);
        }
        addressKey =
                ipKey.isEmpty()
                        ? key(ADDRESS_PURPOSE)
                        : hmac(
                                ipKey.getBytes(StandardCharsets.UTF_8),
                                "mitzeichnen:" + ADDRESS_PURPOSE);
    }

    private static void require(String value, String variable, String why, String baseUrl) {
        if (value.isEmpty()) {
            throw new ConfigurationException(
                    variable
                            + " is not set: with the public base URL "
                            + baseUrl
                            + " it must come from the environment ("
                            + why
                            + "; at least "
                            + MIN_LENGTH
                            + " characters, e.g. 'openssl rand -base64 48').");
        }
    }

    /**
     * Creates the stored secret once; when several instances start together, the first insert wins.
     */
    private static String storedSecret(AppSecretRepository stored, Clock clock) {
        return stored.findById(STORED_NAME)
                .map(AppSecret::secret)
                .orElseGet(
                        () -> {
                            try {
                                stored.save(
                                        new AppSecret(
                                                STORED_NAME, randomToken(48), clock.instant()));
                                LOG.info(
                                        "No MITZEICHNEN_SESSION_SECRET set: generated a signing secret and stored it in the database");
                            } catch (DataAccessException anotherInstanceWasFaster) {
                                // read what the other instance stored
                            }
                            return stored.findById(STORED_NAME).orElseThrow().secret();
                        });
    }

    /** A URL-safe random token of {@code bytes} random bytes. */
    public static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** The key for one purpose; keys of different purposes are independent. */
    byte[] key(String purpose) {
        return hmac(master, "mitzeichnen:" + purpose);
    }

    /**
     * A keyed hash (hex) of {@code value}, e.g. of a client address: comparable, not reversible
     * without the key.
     */
    public String keyedHash(String purpose, String value) {
        return HexFormat.of()
                .formatHex(
                        hmac(ADDRESS_PURPOSE.equals(purpose) ? addressKey : key(purpose), value));
    }

    static byte[] hmac(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(byte[] key, String value) {
        return B64.encodeToString(hmac(key, value));
    }

    static boolean sameText(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(
                        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 (hex) of a token, as tokens are stored. */
    public static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
