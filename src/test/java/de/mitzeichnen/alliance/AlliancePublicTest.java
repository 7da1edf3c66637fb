package de.mitzeichnen.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.municipality.District;
import de.mitzeichnen.municipality.MunicipalityRegister;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public side of an alliance through HTTP: its page in German and English (members now by Land,
 * inhabitants covered once, map, members by Land, joins over time as chart and table, its appeals
 * with their counts), the list, the open API with since/until, the CSV and JSON downloads, widget
 * and badge — all shareable (no cookie, public Cache-Control, ETag) — and a non-public alliance
 * that the public cannot see at all.
 */
@MicronautTest(transactional = false)
class AlliancePublicTest {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject Alliances alliances;
    @Inject Memberships memberships;
    @Inject AllianceAppeals allianceAppeals;
    @Inject MunicipalityRegister register;
    @Inject SupportRecount recount;

    Web web;
    Organiser city;
    Alliance alliance;
    Alliance hidden;
    Appeal appeal;
    District fulda;

    Alliance create(boolean isPublic) {
        return alliances
                .create(
                        Actor.system(),
                        city.id(),
                        new Alliances.Details(
                                "Städte Sicherer Häfen "
                                        + UUID.randomUUID().toString().substring(0, 6),
                                Fixtures.unique("pub").toLowerCase(),
                                "Kommunen, die Menschen aufnehmen.\n\nGegründet 2019.",
                                "Geschäftsstelle",
                                "kontakt@haefen.example",
                                isPublic))
                .saved();
    }

    void member(Alliance a, String place, String country, String joined, String left) {
        Memberships.Outcome o =
                memberships.add(
                        a,
                        new Memberships.NewMember(
                                memberships.target(place, country).orElseThrow(),
                                LocalDate.parse(joined),
                                left == null ? null : LocalDate.parse(left),
                                "Beschluss",
                                null),
                        Actor.system());
        assertTrue(o.ok(), place + ": " + o.errors());
    }

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        web = new Web(URI.create(server.getURL().toString()));
        city = fixtures.organiser("Stadt Potsdam");
        alliance = create(true);
        fulda = register.district("06631").orElseThrow();
        member(alliance, "09162000", "DE", "2019-06-14", null);
        member(alliance, "01001000", "DE", "2019-06-14", null);
        member(alliance, "06631", "DE", "2020-03-01", null);
        member(alliance, fulda.municipalityAgs().get(0), "DE", "2020-03-02", null);
        member(alliance, "Zürich", "CH", "2021-05-01", null);
        member(alliance, "06611000", "DE", "2019-09-01", "2023-12-31");
        hidden = create(false);
        member(hidden, "09162000", "DE", "2019-06-14", null);
        appeal =
                fixtures.appeal(
                        city,
                        "Aufruf des Bündnisses",
                        AppealStatus.OPEN,
                        Instant.parse("2025-12-01T00:00:00Z"),
                        Instant.parse("2026-02-28T22:59:59Z"),
                        "Text");
        assertTrue(allianceAppeals.link(alliance, appeal, Actor.system()));
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags,
                  public_name, privacy_version, privacy_consent_at, language, appeal_text_hash,
                  trust, mails_sent, submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, 'CONFIRMED', ?, ?, 'N. N.', 'MAYOR', '09162000', FALSE, 'v1', NOW(6), 'de', ?,
                        'OFFICIAL_DOMAIN', 1, NOW(6), '2025-12-05 09:00:00', NOW(6), NOW(6))""",
                appeal.id(),
                UUID.randomUUID() + "@muenchen.example",
                UUID.randomUUID() + "@muenchen.example",
                "b".repeat(64));
        recount.recount(appeal.id());
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    static void shareable(Web.Page page) {
        assertNull(page.header("Set-Cookie"), "no cookie on a public GET");
        assertTrue(
                page.header("Cache-Control").startsWith("public, max-age="),
                page.header("Cache-Control"));
        assertNotNull(page.header("ETag"));
    }

    @Test
    void theAlliancePageShowsMembersNowTheirInhabitantsOnceMapLandsJoinsAndAppeals() {
        Web.Page page = web.get("/buendnisse/" + alliance.slug());
        assertEquals(200, page.status(), page.text());
        shareable(page);
        Document doc = page.doc();
        assertEquals(alliance.name(), doc.selectFirst("h1").text());
        assertEquals(
                "Ein Bündnis der Stadt Potsdam-" + city.name().substring("Stadt Potsdam-".length()),
                doc.selectFirst(".kicker").text());
        assertEquals(2, doc.select(".alliance-text p").size());
        assertTrue(doc.selectFirst(".contact").text().contains("kontakt@haefen.example"));
        // members today: München, Flensburg, the municipality in Fulda, Zürich; Landkreis Fulda
        List<String> numbers = doc.select(".counts .count .n").eachText();
        long people =
                register.findByAgs("09162000").orElseThrow().population()
                        + register.findByAgs("01001000").orElseThrow().population()
                        + fulda.population();
        assertEquals(
                List.of("4", "1", String.format(java.util.Locale.GERMAN, "%,d", people)), numbers);
        assertTrue(doc.text().contains("Davon liegt 1 Stadt im Ausland."), doc.text());
        // the map: Länder shaded, the Landkreis outlined, a dot per German municipality
        assertEquals(16, doc.select("figure.map use.land").size());
        assertEquals(3, doc.select("figure.map use.land-share").size());
        assertNotNull(doc.selectFirst("figure.map path.district[data-kreis=06631]"));
        assertEquals(3, doc.select("figure.map circle.supporter").size());
        assertTrue(doc.select("figure.map .abroad li").text().contains("Zürich (Schweiz)"));
        // by Land
        List<String> lands = doc.select("table.by-land tbody th").eachText();
        assertTrue(
                lands.containsAll(List.of("Bayern", "Hessen", "Schleswig-Holstein")),
                lands.toString());
        assertFalse(lands.contains("Niedersachsen"));
        // the list of members now, by Land; Kassel has left
        String members = doc.selectFirst("section.members-now").text();
        assertTrue(members.startsWith("Die 5 Mitglieder"), members);
        assertTrue(members.contains("Landkreis Fulda") && members.contains("Zürich (CH)"), members);
        assertFalse(members.contains("Kassel"), members);
        // joins over time: yearly since 2019, the same numbers as a table
        assertEquals(
                List.of("2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"),
                doc.select(".timeline-table tbody th").eachText());
        assertEquals(
                List.of("3", "0", "3"),
                doc.select(".timeline-table tbody tr").get(0).select("td").eachText());
        assertEquals(
                List.of("0", "1", "5"),
                doc.select(".timeline-table tbody tr").get(4).select("td").eachText(),
                "Kassel left on 31.12.2023, the first day without membership");
        // a bar per year with joins: 2019, 2020, 2021
        assertEquals(3, doc.select("figure.chart rect").size());
        assertNotNull(doc.selectFirst("figure.chart path.line"));
        // the appeals it runs, with their counts
        String appeals = doc.selectFirst("section.appeals-of-alliance").text();
        assertTrue(
                appeals.contains("Aufruf des Bündnisses (offen): 1 Kommune, 1 Unterschrift"),
                appeals);

        // the way to the join form, which answers
        Element join = doc.selectFirst("a.button[href*=beitreten]");
        assertEquals("/buendnisse/" + alliance.slug() + "/beitreten", join.attr("href"));
        assertEquals("Beitritt erklären", join.text());
        assertEquals(200, web.get(join.attr("href")).status());

        Web.Page english = web.get("/buendnisse/" + alliance.slug() + "?lang=en");
        assertEquals(200, english.status());
        shareable(english);
        assertEquals(
                "/buendnisse/" + alliance.slug() + "/beitreten?lang=en",
                english.doc().selectFirst("a.button[href*=beitreten]").attr("href"));
        assertEquals("en", english.doc().selectFirst("html").attr("lang"));
        assertTrue(english.text().contains("An alliance run by " + city.name()), english.text());
        assertTrue(english.text().contains("Members by federal state"));
        assertTrue(english.text().contains("1 of them is a city abroad."));
        assertEquals(
                "/aufrufe/" + appeal.slug() + "?lang=en",
                english.doc().selectFirst("section.appeals-of-alliance a").attr("href"));
    }

    @Test
    void theListAndTheApiShowOnlyPublicAlliances() {
        Web.Page list = web.get("/buendnisse");
        assertEquals(200, list.status());
        shareable(list);
        assertTrue(list.text().contains(alliance.name()));
        assertFalse(list.text().contains(hidden.name()));

        Web.Page api = web.get("/api/v1/alliances");
        assertEquals(200, api.status());
        shareable(api);
        assertEquals("*", api.header("Access-Control-Allow-Origin"));
        assertTrue(api.body().contains("\"slug\":\"" + alliance.slug() + "\""), api.body());
        assertFalse(api.body().contains(hidden.slug()));

        Web.Page one = web.get("/api/v1/alliances/" + alliance.slug());
        assertEquals(200, one.status(), one.body());
        String body = one.body();
        assertTrue(
                body.contains("\"municipalities\":4,\"districts\":1,\"abroad\":1,\"members\":5"),
                body);
        assertTrue(body.contains("\"asOf\":\"2026-01-15\""), body);
        assertTrue(
                body.contains(
                        "{\"code\":\"06\",\"name\":\"Hessen\",\"municipalities\":1,\"districts\":1"),
                body);
        assertTrue(body.contains("\"slug\":\"" + appeal.slug() + "\""), body);
        assertTrue(body.contains("\"status\":\"open\""), body);

        for (String path :
                List.of(
                        "/buendnisse/" + hidden.slug(),
                        "/buendnisse/" + hidden.slug() + "/mitglieder.csv",
                        "/buendnisse/" + hidden.slug() + "/mitglieder.json",
                        "/buendnisse/" + hidden.slug() + "/widget",
                        "/buendnisse/" + hidden.slug() + "/badge.svg",
                        "/api/v1/alliances/" + hidden.slug(),
                        "/api/v1/alliances/" + hidden.slug() + "/members",
                        "/buendnisse/gibt-es-nicht")) {
            Web.Page p = web.get(path);
            assertEquals(404, p.status(), path);
            assertNull(p.header("Set-Cookie"), path);
        }
        assertTrue(
                web.get("/api/v1/alliances/" + hidden.slug())
                        .body()
                        .contains("Dieses Bündnis gibt es nicht"));
    }

    @Test
    void theMembersEndpointAndTheDownloadsTakeARangeOfDays() {
        String path = "/api/v1/alliances/" + alliance.slug() + "/members";
        Web.Page now = web.get(path);
        assertEquals(200, now.status(), now.body());
        shareable(now);
        assertTrue(
                now.body()
                        .contains("\"since\":\"2026-01-15\",\"until\":\"2026-01-15\",\"count\":5"),
                now.body());
        assertFalse(now.body().contains("06611000"));
        assertTrue(
                now.body()
                        .contains(
                                "\"kind\":\"foreign\",\"ags\":null,\"country\":\"CH\",\"name\":\"Zürich\""),
                now.body());

        Web.Page in2022 = web.get(path + "?since=2022-01-01&until=2022-12-31");
        assertTrue(in2022.body().contains("\"count\":6"), in2022.body());
        assertTrue(
                in2022.body().contains("\"ags\":\"06611000\"")
                        && in2022.body().contains("\"leftOn\":\"2023-12-31\""),
                in2022.body());
        Web.Page founding = web.get(path + "?until=2019-06-14");
        assertTrue(founding.body().contains("\"count\":2"), founding.body());

        Web.Page bad = web.get(path + "?since=gestern");
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("JJJJ-MM-TT"), bad.body());
        assertEquals(400, web.get(path + "?since=2024-01-02&until=2024-01-01").status());

        HttpResponse<byte[]> csv =
                web.download(
                        "/buendnisse/"
                                + alliance.slug()
                                + "/mitglieder.csv?since=2022-01-01&until=2022-12-31");
        assertEquals(200, csv.statusCode());
        assertEquals(
                "attachment; filename=\"" + alliance.slug() + "-mitglieder.csv\"",
                csv.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(csv.headers().firstValue("Cache-Control").orElseThrow().startsWith("public"));
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(
                text.startsWith(
                        "\uFEFFLand-Nr.;Land;AGS/Kreisschlüssel;Staat;Name;Art;Einwohner;Beitritt;Austritt;Grundlage\r\n"),
                text);
        assertEquals(7, text.split("\r\n").length, text);
        assertTrue(text.contains("06;Hessen;06611000;DE;Kassel;Kommune;"), text);
        assertTrue(text.contains(";2019-09-01;2023-12-31;Beschluss"), text);
        assertTrue(text.contains(";;CH;Zürich;Stadt im Ausland;0;2021-05-01;;Beschluss"), text);

        HttpResponse<byte[]> json =
                web.download("/buendnisse/" + alliance.slug() + "/mitglieder.json");
        assertEquals(200, json.statusCode());
        assertTrue(new String(json.body(), StandardCharsets.UTF_8).contains("\"count\":5"));
    }

    @Test
    void theWidgetMayBeFramedAndTheBadgeCountsMembersByKind() {
        Web.Page widget = web.get("/buendnisse/" + alliance.slug() + "/widget");
        assertEquals(200, widget.status());
        shareable(widget);
        assertTrue(widget.header("Content-Security-Policy").contains("frame-ancestors *"));
        assertNull(widget.header("X-Frame-Options"));
        assertTrue(
                widget.text().contains("4 Kommunen und 1 Landkreis sind Mitglied"), widget.text());
        assertTrue(web.get("/buendnisse/" + alliance.slug()).header("X-Frame-Options") != null);

        Web.Page badge = web.get("/buendnisse/" + alliance.slug() + "/badge.svg");
        assertEquals(200, badge.status());
        shareable(badge);
        assertTrue(badge.header("Content-Type").startsWith("image/svg+xml"));
        assertTrue(
                badge.body().contains("aria-label=\"Bündnis: 4 Kommunen, 1 Landkreis\""),
                badge.body());
        Web.Page english = web.get("/buendnisse/" + alliance.slug() + "/badge.svg?lang=en");
        assertTrue(
                english.body().contains("Alliance: 4 municipalities, 1 district"), english.body());
    }

    @Test
    void theOpenApiDocumentDescribesTheAllianceEndpoints() {
        String yaml = web.get("/api/openapi.yml").body();
        assertTrue(yaml.contains("/api/v1/alliances/{slug}/members:"), yaml);
        assertTrue(yaml.contains("AllianceMember"), yaml);
        assertFalse(
                yaml.contains("  /buendnisse/{slug}:"),
                "HTML pages are not part of the API document");
        assertFalse(yaml.contains("/verwaltung/buendnisse"));
    }

    @Test
    void aMembershipThatBeginsLaterCountsFromItsFirstDay() {
        Alliance later = create(true);
        member(later, "09162000", "DE", "2026-02-01", null);
        String api = "/api/v1/alliances/" + later.slug();
        assertTrue(web.get(api).body().contains("\"members\":0"));
        clock.set(Instant.parse("2026-02-01T08:00:00Z"));
        assertTrue(web.get(api).body().contains("\"members\":1"), web.get(api).body());
    }
}
