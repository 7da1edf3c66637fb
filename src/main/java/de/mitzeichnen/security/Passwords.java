package de.mitzeichnen.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.inject.Singleton;

/**
 * Argon2id password hashes (by default OWASP's minimum: 19 MiB, 2 passes, 1 lane). The parameters
 * are part of each stored hash, so hashes made with other settings still verify.
 */
@Singleton
public class Passwords {

    private final Argon2Function argon2;

    /**
     * Checked against when an e-mail address is unknown, so that the answer takes as long as for a
     * known one.
     */
    private final String decoy;

    Passwords(SecurityConfig config) {
        argon2 =
                Argon2Function.getInstance(
                        config.getPasswordHashMemoryKib(),
                        config.getPasswordHashIterations(),
                        1,
                        32,
                        Argon2.ID);
        decoy = hash(Secrets.randomToken(16));
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
    }

    public boolean matches(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Spends the time of one check without an account. */
    void checkDecoy(String password) {
        matches(password == null ? "" : password, decoy);
    }
}
