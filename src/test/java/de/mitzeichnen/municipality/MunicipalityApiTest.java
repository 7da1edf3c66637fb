package de.mitzeichnen.municipality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.Web;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/municipalities} over HTTP against the running server. */
@MicronautTest(transactional = false)
class MunicipalityApiTest {

    @Inject JsonMapper json;
    @Inject EmbeddedServer server;
    @Inject ForeignMunicipalities foreign;

    Web web;

    @BeforeEach
    void setUp() {
        web = new Web(URI.create(server.getURL().toString()));
    }

    JsonNode search(String query) throws Exception {
        Web.Page page =
                web.get(
                        "/api/v1/municipalities?q="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertEquals(200, page.status(), page.body());
        assertTrue(
                page.header("Content-Type").startsWith("application/json"),
                page.header("Content-Type"));
        return read(page.body());
    }

    JsonNode read(String body) throws Exception {
        return json.readValue(body, JsonNode.class);
    }

    static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.coerceStringValue();
    }

    static List<String> field(JsonNode array, String name) {
        List<String> out = new ArrayList<>();
        array.values().forEach(n -> out.add(text(n, name)));
        return out;
    }

    @Test
    void muenchenMuenchenAndMunchenAllFindMuenchen() throws Exception {
        for (String q : List.of("muenchen", "München", "munchen", "MÜNCHEN")) {
            JsonNode first = search(q).get(0);
            assertEquals("09162000", first.get("ags").coerceStringValue(), q);
            assertEquals("München", first.get("name").coerceStringValue());
            assertEquals("Kreisfreie Stadt", first.get("type").coerceStringValue());
            assertEquals("Bayern", first.get("state").coerceStringValue());
            assertEquals("München", first.get("district").coerceStringValue());
            assertEquals(1_505_005, first.get("population").getIntValue());
        }
    }

    @Test
    void frankfurtOffersFrankfurtAmMainBeforeFrankfurtOder() throws Exception {
        JsonNode result = search("Frankfurt");
        assertEquals(
                List.of("Frankfurt am Main", "Frankfurt (Oder)"),
                field(result, "name").subList(0, 2));
        assertEquals("Hessen", result.get(0).get("state").coerceStringValue());
        assertEquals("Brandenburg", result.get(1).get("state").coerceStringValue());
    }

    @Test
    void prefixMatchesComeBeforeWordMatchesAndDistrictsAreNamedAsPeopleSayThem() throws Exception {
        JsonNode result = search("Haar");
        assertEquals("Haar", result.get(0).get("name").coerceStringValue());
        assertEquals("Landkreis München", result.get(0).get("district").coerceStringValue());
        JsonNode words = search("oder");
        List<String> names = field(words, "name");
        assertTrue(names.contains("Frankfurt (Oder)"), names.toString());
        int firstWordMatch = names.indexOf("Frankfurt (Oder)");
        for (int i = 0; i < firstWordMatch; i++) {
            assertTrue(SearchKeys.key(names.get(i)).startsWith("oder"), names.toString());
        }
    }

    @Test
    void agsFindTheirMunicipalityAndPostcodesNothing() throws Exception {
        // the register knows only the seat's postcode, so postcodes are not offered at all
        for (String postcode : List.of("80313", "80331", "80687", "60311")) {
            assertEquals(0, search(postcode).size(), postcode);
        }
        assertEquals(List.of("09162000"), field(search("09162000"), "ags"));
        JsonNode kreis = search("01054");
        assertEquals(10, kreis.size());
        kreis.values()
                .forEach(n -> assertTrue(n.get("ags").coerceStringValue().startsWith("01054")));
    }

    @Test
    void limitIsTenByDefaultAndAtMostFifty() throws Exception {
        assertEquals(10, search("bad").size());
        Web.Page fifty = web.get("/api/v1/municipalities?q=bad&limit=50");
        assertEquals(50, read(fifty.body()).size());
        Web.Page three = web.get("/api/v1/municipalities?q=bad&limit=3");
        assertEquals(3, read(three.body()).size());
    }

    @Test
    void badLimitsGetA400WithAMessageInTheReadersLanguage() throws Exception {
        for (String limit : List.of("abc", "0", "-1", "51", "1e3")) {
            Web.Page page = web.get("/api/v1/municipalities?q=berg&limit=" + limit);
            assertEquals(400, page.status(), limit);
            JsonNode body = read(page.body());
            assertEquals(
                    "Der Parameter limit muss eine ganze Zahl von 1 bis 50 sein.",
                    body.get("message").coerceStringValue());
        }
        Web.Page english =
                web.get("/api/v1/municipalities?q=berg&limit=x", "Accept-Language", "en");
        assertEquals(400, english.status());
        assertEquals(
                "The parameter limit must be a whole number from 1 to 50.",
                read(english.body()).get("message").coerceStringValue());
    }

    @Test
    void emptyOrTooShortQueriesFindNothing() throws Exception {
        assertEquals(0, search("").size());
        assertEquals(0, search("m").size());
        assertEquals(0, search(" ").size());
        assertEquals(0, search("1").size());
        assertEquals(0, search("Xyzzyqx").size());
        Web.Page noQuery = web.get("/api/v1/municipalities");
        assertEquals(200, noQuery.status());
        assertEquals("[]", noQuery.body());
        assertEquals(0, search("a".repeat(500)).size());
    }

    @Test
    void foreignMunicipalitiesAlreadyKnownAreOfferedWithTheirCountry() throws Exception {
        // listed as signing does on a confirmed signature
        ForeignMunicipality zurich = foreign.findOrCreate("CH", "Zürich");
        foreign.markListed(zurich.id());
        foreign.markListed(foreign.findOrCreate("ES", "Barcelona").id());
        foreign.markListed(foreign.findOrCreate("AT", "Wien").id());
        for (String q : List.of("Zürich", "zuerich", "zurich")) {
            JsonNode result = search(q);
            JsonNode hit = null;
            for (JsonNode n : result.values()) {
                if ("CH".equals(text(n, "country")) && n.get("id").getLongValue() == zurich.id()) {
                    hit = n;
                }
            }
            assertTrue(hit != null, String.valueOf(field(result, "name")));
            assertEquals("Zürich", hit.get("name").coerceStringValue());
            assertEquals(zurich.id().longValue(), hit.get("id").getLongValue());
            assertEquals(null, hit.get("ags"));
        }
        // German and foreign names starting with the query come before word matches; German ones
        // first among them.
        JsonNode barcelona = search("Barc");
        assertEquals(List.of("Barchfeld-Immelborn", "Barcelona"), field(barcelona, "name"));
        assertEquals("ES", text(barcelona.get(1), "country"));
        assertTrue(field(search("wien"), "country").contains("AT"));
    }
}
