package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * New passwords as OWASP ASVS 5.0 V6.2 asks, wherever one is set (a new account, a new password set
 * by an admin, a reset link): at least 12 characters, long ones welcome, no composition rules, but
 * nothing common or built from the account's context; each refusal says why, in the reader's
 * language, and stores nothing.
 */
@MicronautTest(transactional = false)
class PasswordPolicyTest {

    static final String PASSPHRASE = "tulpen blühen im april am mainufer";

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject PasswordResets resets;
    @Inject Passwords passwords;
    @Inject AccountRepository accountRepository;
    @Inject Db db;

    URI base;
    Web admin;
    Organiser city;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        admin = accounts.signedIn(base, accounts.admin());
        city = fixtures.organiser("Wiesbaden");
    }

    private Web.Page create(String email, String password) {
        return admin.postForm(
                "/verwaltung/konten/neu",
                "/verwaltung/konten/neu",
                Web.form(
                        "email",
                        email,
                        "displayName",
                        "Neues Konto",
                        "role",
                        "ORGANISER",
                        "organiserId",
                        String.valueOf(city.id()),
                        "password",
                        password,
                        "enabled",
                        "on"));
    }

    private static String email() {
        return Fixtures.unique("verwaltung").toLowerCase(Locale.ROOT) + "@wiesbaden.example";
    }

    private void refusedAtCreation(String password, String message) {
        String email = email();
        Web.Page page = create(email, password.replace("{email}", email));
        assertEquals(422, page.status(), password);
        assertEquals(message, page.doc().selectFirst("#password-error").text(), password);
        assertEquals(0, db.count("SELECT COUNT(*) FROM account WHERE email = ?", email));
    }

    @Test
    void commonRepetitiveAndSequentialPasswordsAreRefusedWithTheReason() {
        String guessable =
                "Dieses Passwort ist zu leicht zu erraten (Wiederholungen, Zahlen- oder"
                        + " Tastaturfolgen, Jahreszahlen, einzelne Wörter). Wählen Sie zum Beispiel"
                        + " einen Satz aus mehreren ungewöhnlichen Wörtern; Sonderzeichen sind nicht"
                        + " nötig.";
        String common =
                "Dieses Passwort (oder sein Kern) gehört zu den weltweit am häufigsten benutzten"
                        + " und wird als Erstes ausprobiert. Wählen Sie etwas Eigenes, zum Beispiel"
                        + " einen Satz aus mehreren Wörtern.";
        refusedAtCreation("aaaaaaaaaaaa", guessable);
        refusedAtCreation("123456789012", common);
        refusedAtCreation("password1234", common);
        refusedAtCreation("qwertzuiop12", common);
    }

    @Test
    void theAccountsAddressTheProductsAndTheOrganisationsNameAreRefused() {
        String context =
                "Das Passwort darf weder Ihre E-Mail-Adresse noch den Namen von Mitzeichnen oder"
                        + " Ihrer Organisation enthalten – diese Wörter probiert ein Angreifer"
                        + " zuerst.";
        refusedAtCreation("{email}", context);
        refusedAtCreation("Mitzeichnen2026!", context);
        refusedAtCreation(city.name() + " 2026", context);
        refusedAtCreation("Wiesbaden-am-Rhein", context);
    }

    @Test
    void controlCharactersAreRefusedAndLongPassphrasesWithoutCompositionAreAccepted() {
        refusedAtCreation(
                "ein\u0000gutes-langes-Passwort",
                "Das Passwort darf keine Steuerzeichen (etwa ein Null-Byte oder einen"
                        + " Zeilenumbruch) enthalten.");
        refusedAtCreation("kurz", "Das Passwort muss mindestens 12 Zeichen lang sein.");

        // lower case only, no digits, no special characters: fine
        String email = email();
        assertEquals(303, create(email, PASSPHRASE).status());
        // 120 characters
        String longOne =
                "Am Montag bringt die Kämmerin drei Ordner, zwei Kannen Tee und einen sehr alten"
                        + " Stadtplan mit in die Sitzung des Ältestenrats";
        assertTrue(longOne.length() > 100);
        String other = email();
        assertEquals(303, create(other, longOne).status());
        assertTrue(
                passwords.matches(
                        longOne,
                        accountRepository.findByEmail(other).orElseThrow().passwordHash()));
    }

    @Test
    void aNewPasswordSetByAnAdminIsCheckedToo() {
        Account account = accounts.organiser(city);
        Web.Page page = admin.get("/verwaltung/konten/" + account.id());
        Map<String, String> form =
                Web.form(
                        "email",
                        account.email(),
                        "displayName",
                        account.displayName(),
                        "role",
                        "ORGANISER",
                        "organiserId",
                        String.valueOf(city.id()),
                        "password",
                        account.email(),
                        "enabled",
                        "on",
                        "version",
                        page.doc().selectFirst("input[name=version]").val());
        Web.Page refused =
                admin.postWithToken(Web.csrf(page), "/verwaltung/konten/" + account.id(), form);
        assertEquals(422, refused.status());
        assertTrue(refused.doc().selectFirst("#password-error").text().contains("E-Mail-Adresse"));
        assertTrue(
                passwords.matches(
                        ConsoleAccounts.PASSWORD,
                        accountRepository.findById(account.id()).orElseThrow().passwordHash()),
                "unchanged");
    }

    @Test
    void theResetLinkRefusesWeakPasswordsInTheReadersLanguage() {
        Account account = accounts.organiser(city);
        String path =
                "/verwaltung/passwort-neu/"
                        + resets.request(account.email(), "test", Locale.ENGLISH)
                                .orElseThrow()
                                .token();
        Web web = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        Web.Page form = web.get(path + "?lang=en");
        assertEquals("no-store", form.header("Cache-Control"));
        Web.Page common =
                web.postWithToken(
                        Web.csrf(form),
                        path,
                        Map.of("password", "123456789012", "confirmation", "123456789012"));
        assertEquals(422, common.status());
        assertEquals(
                "This password (or its core) is among the most used in the world and is tried"
                        + " first. Choose something of your own, for example a sentence of several"
                        + " words.",
                common.doc().selectFirst("#password-error").text());
        Web.Page own =
                web.postWithToken(
                        Web.csrf(form),
                        path,
                        Map.of("password", account.email(), "confirmation", account.email()));
        assertEquals(
                "The password must contain neither your e-mail address nor the name of Mitzeichnen"
                        + " or of your organisation: an attacker tries these words first.",
                own.doc().selectFirst("#password-error").text());
        assertTrue(
                passwords.matches(
                        ConsoleAccounts.PASSWORD,
                        accountRepository.findById(account.id()).orElseThrow().passwordHash()));

        Web.Page done =
                web.postWithToken(
                        Web.csrf(form),
                        path,
                        Map.of("password", PASSPHRASE, "confirmation", PASSPHRASE));
        assertEquals(303, done.status());
        assertTrue(
                passwords.matches(
                        PASSPHRASE,
                        accountRepository.findById(account.id()).orElseThrow().passwordHash()));
    }
}
