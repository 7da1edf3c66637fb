package de.mitzeichnen.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the console's security, from {@code mitzeichnen.security.*}; secrets only from
 * environment variables.
 */
@ConfigurationProperties("mitzeichnen.security")
public class SecurityConfig {

    private String adminEmail = "";
    private String adminPassword = "";
    private String sessionSecret = "";
    private Duration sessionIdleTimeout = Duration.ofHours(2);
    private Duration sessionMaxAge = Duration.ofHours(12);
    private String ipHashKey = "";
    private List<String> trustedProxies = List.of();
    private int maxFailuresPerAccount = 5;
    private int maxFailuresPerAddress = 20;
    private Duration failureWindow = Duration.ofMinutes(15);
    private int passwordHashMemoryKib = 19_456;
    private int passwordHashIterations = 2;

    public String getAdminEmail() {
        return adminEmail;
    }

    public void setAdminEmail(String adminEmail) {
        this.adminEmail = adminEmail == null ? "" : adminEmail.trim();
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword == null ? "" : adminPassword;
    }

    /**
     * Signs session and form cookies; empty means: generate one once and keep it in the database.
     */
    public String getSessionSecret() {
        return sessionSecret;
    }

    public void setSessionSecret(String sessionSecret) {
        this.sessionSecret = sessionSecret == null ? "" : sessionSecret.trim();
    }

    /** A session ends after this long without a request. */
    public Duration getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
        this.sessionIdleTimeout = sessionIdleTimeout;
    }

    /** A session ends this long after the login, active or not. */
    public Duration getSessionMaxAge() {
        return sessionMaxAge;
    }

    public void setSessionMaxAge(Duration sessionMaxAge) {
        this.sessionMaxAge = sessionMaxAge;
    }

    /**
     * Key of the hashed client addresses (MITZEICHNEN_IP_HASH_KEY), separate from the session
     * secret.
     */
    public String getIpHashKey() {
        return ipHashKey;
    }

    public void setIpHashKey(String ipHashKey) {
        this.ipHashKey = ipHashKey == null ? "" : ipHashKey.trim();
    }

    /**
     * Addresses or CIDR ranges of the reverse proxies in front of the service
     * (MITZEICHNEN_TRUSTED_PROXIES): forwarding headers count only on connections from them.
     */
    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies =
                trustedProxies == null
                        ? List.of()
                        : trustedProxies.stream()
                                .map(String::trim)
                                .filter(t -> !t.isEmpty())
                                .toList();
    }

    public int getMaxFailuresPerAccount() {
        return maxFailuresPerAccount;
    }

    public void setMaxFailuresPerAccount(int maxFailuresPerAccount) {
        this.maxFailuresPerAccount = maxFailuresPerAccount;
    }

    public int getMaxFailuresPerAddress() {
        return maxFailuresPerAddress;
    }

    public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
        this.maxFailuresPerAddress = maxFailuresPerAddress;
    }

    public Duration getFailureWindow() {
        return failureWindow;
    }

    public void setFailureWindow(Duration failureWindow) {
        this.failureWindow = failureWindow;
    }

    /**
     * Argon2id memory per hash in KiB (OWASP's minimum 19 MiB); only tests lower it, to run fast.
     */
    public int getPasswordHashMemoryKib() {
        return passwordHashMemoryKib;
    }

    public void setPasswordHashMemoryKib(int passwordHashMemoryKib) {
        this.passwordHashMemoryKib = passwordHashMemoryKib;
    }

    public int getPasswordHashIterations() {
        return passwordHashIterations;
    }

    public void setPasswordHashIterations(int passwordHashIterations) {
        this.passwordHashIterations = passwordHashIterations;
    }
}
