package de.mitzeichnen.security;

import de.mitzeichnen.config.MitzeichnenConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.token.cookie.TokenCookieConfigurationProperties;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.temporal.TemporalAmount;
import java.util.Base64;
import java.util.Optional;

/**
 * Hands Micronaut Security the application's own secret (MITZEICHNEN_SESSION_SECRET, or the one
 * generated once and kept in the database, so all instances agree) for signing session tokens and
 * form tokens, and makes both cookies Secure when the public base URL is https (behind a TLS proxy
 * the request itself looks like http).
 */
@Factory
class SessionKeys {

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration sessionSignature(Secrets secrets) {
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
        config.setBase64(true);
        config.setSecret(Base64.getEncoder().encodeToString(secrets.key("session")));
        return new SecretSignature(config);
    }

    @Singleton
    BeanCreatedEventListener<TokenCookieConfigurationProperties> secureSessionCookie(
            MitzeichnenConfig app) {
        return event -> {
            TokenCookieConfigurationProperties cookie = event.getBean();
            cookie.setCookieSecure(app.isSecureBaseUrl());
            return cookie;
        };
    }

    @Singleton
    BeanCreatedEventListener<CsrfConfiguration> formTokenKey(
            Secrets secrets, MitzeichnenConfig app) {
        return (BeanCreatedEvent<CsrfConfiguration> event) ->
                new FormTokens(
                        event.getBean(),
                        Base64.getEncoder().encodeToString(secrets.key("csrf")),
                        app.isSecureBaseUrl());
    }

    /**
     * The configured CSRF settings with the application's key and the Secure flag of the base URL.
     */
    private record FormTokens(CsrfConfiguration configured, String key, boolean secure)
            implements CsrfConfiguration {
        @Override
        public int getRandomValueSize() {
            return configured.getRandomValueSize();
        }

        @Override
        public String getSecretKey() {
            return key;
        }

        @Override
        public String getHeaderName() {
            return configured.getHeaderName();
        }

        @Override
        public String getHttpSessionName() {
            return configured.getHttpSessionName();
        }

        @Override
        public String getFieldName() {
            return configured.getFieldName();
        }

        @Override
        public boolean isSessionCookie() {
            return configured.isSessionCookie();
        }

        @Override
        public boolean isEnabled() {
            return configured.isEnabled();
        }

        @Override
        public String getCookieName() {
            return configured.getCookieName();
        }

        @Override
        public Optional<String> getCookieDomain() {
            return configured.getCookieDomain();
        }

        @Override
        public Optional<String> getCookiePath() {
            return configured.getCookiePath();
        }

        @Override
        public Optional<Boolean> isCookieHttpOnly() {
            return configured.isCookieHttpOnly();
        }

        @Override
        public Optional<Boolean> isCookieSecure() {
            return Optional.of(secure);
        }

        @Override
        public Optional<TemporalAmount> getCookieMaxAge() {
            return configured.getCookieMaxAge();
        }

        @Override
        public Optional<SameSite> getCookieSameSite() {
            return configured.getCookieSameSite();
        }
    }
}
