package de.mitzeichnen.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OrganisersAndAccountsTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;

    URI base;
    Account admin;
    Web web;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        admin = accounts.admin();
        web = accounts.signedIn(base, admin);
    }

    @Test
    void platformAdminsCreateAndChangeOrganisersWithValidation() {
        String name = Fixtures.unique("Stadt Offenbach");
        Web.Page bad =
                web.postForm(
                        "/verwaltung/organisationen/neu",
                        "/verwaltung/organisationen/neu",
                        Web.form(
                                "name",
                                name,
                                "kind",
                                "CITY",
                                "municipalityAgs",
                                "0641",
                                "contactEmail",
                                "kein@",
                                "website",
                                "ftp://x"));
        assertEquals(422, bad.status());
        assertEquals(
                "Der Amtliche Gemeindeschlüssel hat genau 8 Ziffern, z. B. 06412000.",
                bad.doc().selectFirst("#municipalityAgs-error").text());
        assertTrue(
                bad.doc()
                        .selectFirst("#contactEmail-error")
                        .text()
                        .contains("gültige E-Mail-Adresse"));
        assertTrue(bad.doc().selectFirst("#website-error").text().contains("https://"));
        assertEquals(name, bad.doc().selectFirst("input[name=name]").val());
        assertEquals(0, db.count("SELECT COUNT(*) FROM organiser WHERE name = ?", name));

        Web.Page noAgs =
                web.postForm(
                        "/verwaltung/organisationen/neu",
                        "/verwaltung/organisationen/neu",
                        Web.form(
                                "name",
                                name,
                                "kind",
                                "CITY",
                                "municipalityAgs",
                                "",
                                "contactEmail",
                                "rathaus@offenbach.example"));
        assertTrue(
                noAgs.doc()
                        .selectFirst("#municipalityAgs-error")
                        .text()
                        .contains("Bitte geben Sie den Amtlichen"));

        Web.Page created =
                web.postForm(
                        "/verwaltung/organisationen/neu",
                        "/verwaltung/organisationen/neu",
                        Web.form(
                                "name",
                                name,
                                "kind",
                                "CITY",
                                "municipalityAgs",
                                "06413000",
                                "contactEmail",
                                "rathaus@offenbach.example",
                                "website",
                                "https://www.offenbach.de"));
        assertEquals(303, created.status(), created.text());
        Map<String, Object> row = db.row("SELECT * FROM organiser WHERE name = ?", name);
        assertEquals("06413000", row.get("municipality_ags"));
        long id = ((Number) row.get("id")).longValue();
        assertTrue(web.get("/verwaltung/organisationen").text().contains(name));

        Web.Page duplicate =
                web.postForm(
                        "/verwaltung/organisationen/neu",
                        "/verwaltung/organisationen/neu",
                        Web.form(
                                "name",
                                name,
                                "kind",
                                "ASSOCIATION",
                                "contactEmail",
                                "x@y.example"));
        assertEquals(
                "Eine Organisation mit diesem Namen gibt es schon.",
                duplicate.doc().selectFirst("#name-error").text());

        Web.Page edit = web.get("/verwaltung/organisationen/" + id);
        String version = edit.doc().selectFirst("input[name=version]").val();
        Web.Page changed =
                web.postWithToken(
                        Web.csrf(edit),
                        "/verwaltung/organisationen/" + id,
                        Web.form(
                                "name",
                                name,
                                "kind",
                                "DISTRICT",
                                "municipalityAgs",
                                "",
                                "contactEmail",
                                "kreis@offenbach.example",
                                "version",
                                version));
        assertEquals(303, changed.status(), changed.text());
        assertEquals("DISTRICT", db.row("SELECT kind FROM organiser WHERE id = ?", id).get("kind"));
        Web.Page stale =
                web.postWithToken(
                        Web.csrf(edit),
                        "/verwaltung/organisationen/" + id,
                        Web.form(
                                "name",
                                name,
                                "kind",
                                "CITY",
                                "municipalityAgs",
                                "06413000",
                                "contactEmail",
                                "x@offenbach.example",
                                "version",
                                version));
        assertEquals(409, stale.status());
        assertEquals("DISTRICT", db.row("SELECT kind FROM organiser WHERE id = ?", id).get("kind"));
        assertEquals(
                2,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE organiser_id = ? AND action LIKE 'ORGANISER_%'",
                        id));
    }

    @Test
    void platformAdminsCreateAccountsThatCanThenSignIn() {
        Organiser city = fixtures.organiser("Stadt Kassel");
        String email = Fixtures.unique("buero").toLowerCase() + "@kassel.example";
        Web.Page bad =
                web.postForm(
                        "/verwaltung/konten/neu",
                        "/verwaltung/konten/neu",
                        Web.form(
                                "email",
                                email,
                                "displayName",
                                "Büro OB",
                                "role",
                                "ORGANISER",
                                "organiserId",
                                "",
                                "password",
                                "kurz",
                                "enabled",
                                "on"));
        assertEquals(422, bad.status());
        assertEquals(
                "Das Passwort muss mindestens 12 Zeichen lang sein.",
                bad.doc().selectFirst("#password-error").text());
        assertTrue(
                bad.doc()
                        .selectFirst("#organiserId-error")
                        .text()
                        .contains("Bitte wählen Sie die Organisation"));
        assertEquals(
                "",
                bad.doc().selectFirst("input[name=password]").val(),
                "a password is never shown again");
        assertEquals(email, bad.doc().selectFirst("input[name=email]").val());

        Web.Page created =
                web.postForm(
                        "/verwaltung/konten/neu",
                        "/verwaltung/konten/neu",
                        Web.form(
                                "email",
                                email.toUpperCase(),
                                "displayName",
                                "Büro OB",
                                "role",
                                "ORGANISER",
                                "organiserId",
                                String.valueOf(city.id()),
                                "password",
                                "ein-gutes-langes-Passwort",
                                "enabled",
                                "on"));
        assertEquals(303, created.status(), created.text());
        Map<String, Object> row = db.row("SELECT * FROM account WHERE email = ?", email);
        assertTrue(row.get("password_hash").toString().startsWith("$argon2id$"));
        long id = ((Number) row.get("id")).longValue();

        Web.Page duplicate =
                web.postForm(
                        "/verwaltung/konten/neu",
                        "/verwaltung/konten/neu",
                        Web.form(
                                "email",
                                email,
                                "displayName",
                                "Doppelt",
                                "role",
                                "PLATFORM_ADMIN",
                                "password",
                                "noch-ein-langes-Passwort"));
        assertEquals(
                "Es gibt schon ein Konto mit dieser E-Mail-Adresse.",
                duplicate.doc().selectFirst("#email-error").text());

        Web person = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        assertEquals(
                303,
                person.postForm(
                                "/verwaltung/anmelden",
                                "/verwaltung/anmelden",
                                Web.form("email", email, "password", "ein-gutes-langes-Passwort"))
                        .status());
        Web.Page mine = person.get("/verwaltung");
        assertEquals(200, mine.status());
        assertNull(
                mine.doc().selectFirst("a[href=/verwaltung/konten]"),
                "organisers do not see the admin pages");

        // Disabling ends the person's session at the next request.
        Web.Page edit = web.get("/verwaltung/konten/" + id);
        Web.Page disabled =
                web.postWithToken(
                        Web.csrf(edit),
                        "/verwaltung/konten/" + id,
                        Web.form(
                                "email",
                                email,
                                "displayName",
                                "Büro OB",
                                "role",
                                "ORGANISER",
                                "organiserId",
                                String.valueOf(city.id()),
                                "version",
                                edit.doc().selectFirst("input[name=version]").val()));
        assertEquals(303, disabled.status(), disabled.text());
        assertEquals(303, person.get("/verwaltung").status());
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'ACCOUNT_DISABLED' AND details LIKE ?",
                        "%" + email + "%"));
        assertTrue(web.get("/verwaltung/konten").text().contains("gesperrt"));
    }

    @Test
    void anAdminCannotLockThemselvesOut() {
        Web.Page edit = web.get("/verwaltung/konten/" + admin.id());
        Web.Page page =
                web.postWithToken(
                        Web.csrf(edit),
                        "/verwaltung/konten/" + admin.id(),
                        Web.form(
                                "email",
                                admin.email(),
                                "displayName",
                                "Ich",
                                "role",
                                "PLATFORM_ADMIN",
                                "version",
                                edit.doc().selectFirst("input[name=version]").val()));
        assertEquals(422, page.status());
        assertTrue(
                page.text()
                        .contains(
                                "Sie können Ihr eigenes Konto weder sperren noch seine Rolle ändern."));
        assertEquals(
                Boolean.TRUE,
                db.row("SELECT enabled FROM account WHERE id = ?", admin.id()).get("enabled"));
    }
}
