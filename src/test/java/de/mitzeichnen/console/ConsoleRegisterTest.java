package de.mitzeichnen.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.municipality.MunicipalityRegister;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform admin's register uploads. The one register file that is imported uses a made-up Land
 * 96 (removed afterwards), so that "retire what the file's Länder lack" touches no real
 * municipality of the shared database.
 */
@MicronautTest(transactional = false)
class ConsoleRegisterTest {

    static final String LAND = "96";

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject MunicipalityRegister register;
    @Inject Db db;

    URI base;
    Web admin;
    String tag;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        admin = accounts.signedIn(base, accounts.admin());
        tag = Fixtures.unique("d").substring(2);
    }

    @AfterEach
    void removeTestLand() {
        db.update("DELETE FROM municipality WHERE land_code = ?", LAND);
        db.update("DELETE FROM gemeindeverband WHERE land_code = ?", LAND);
        db.update("DELETE FROM kreis WHERE land_code = ?", LAND);
        db.update("DELETE FROM land WHERE code = ?", LAND);
        db.update("DELETE FROM municipality_import WHERE source LIKE 'land96%'");
        register.reload();
    }

    Web.Page upload(Web browser, String action, String fileName, byte[] content) {
        Web.Page form = browser.get("/verwaltung/register");
        assertEquals(200, form.status(), form.text());
        return browser.postFile(Web.csrf(form), action, "file", fileName, content);
    }

    long registerRows() {
        return db.count("SELECT COUNT(*) FROM municipality") * 1_000_000
                + db.count("SELECT COUNT(*) FROM municipality WHERE active")
                + db.count("SELECT COUNT(*) FROM municipality_import");
    }

    @Test
    void aBrokenRegisterFileIsRefusedWithLineNumbersAndChangesNothing() {
        long before = registerRows();
        List<String> lines = testland();
        lines.add(2, pad("99" + "20251130" + "96"));
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);

        Web.Page plain =
                upload(admin, "/verwaltung/register/gemeinden", "land96-" + tag + ".txt", text);
        assertEquals(422, plain.status(), plain.text());
        Document doc = plain.doc();
        assertEquals(
                "Die Datei land96-"
                        + tag
                        + ".txt wurde nicht eingelesen; nichts wurde geändert. 1 Fehler:",
                doc.selectFirst(".upload-outcome .notice.bad").text());
        assertEquals(
                List.of("Zeile 3: unbekannte Satzart „99“ (erwartet 10, 20, 30, 40, 50 oder 60)."),
                doc.select(".upload-errors li").eachText());

        Web.Page gz =
                upload(
                        admin,
                        "/verwaltung/register/gemeinden",
                        "land96-" + tag + ".txt.gz",
                        gzip(text));
        assertEquals(422, gz.status());
        assertEquals(
                List.of("Zeile 3: unbekannte Satzart „99“ (erwartet 10, 20, 30, 40, 50 oder 60)."),
                gz.doc().select(".upload-errors li").eachText());

        Web.Page broken =
                upload(
                        admin,
                        "/verwaltung/register/gemeinden",
                        "land96-" + tag + ".zip",
                        new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        assertEquals(422, broken.status());
        assertTrue(
                broken.doc()
                        .selectFirst(".notice.bad")
                        .text()
                        .startsWith("Die Datei land96-" + tag + ".zip kann nicht gelesen werden"),
                broken.text());

        assertEquals(before, registerRows());
        assertTrue(register.findByAgs("96001000").isEmpty());
        assertEquals(
                3,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'REGISTER_IMPORT_REJECTED'"
                                + " AND details LIKE ?",
                        "%land96-" + tag + "%"),
                "one audit entry per refusal");
    }

    @Test
    void aNewerRegisterAsDestatisZipsItIsImportedAndReported() {
        long activeBefore = register.activeCount();
        Web.Page done =
                upload(
                        admin,
                        "/verwaltung/register/gemeinden",
                        "land96-" + tag + ".zip",
                        zip(
                                "GV100AD_30112025.txt",
                                (String.join("\r\n", testland()) + "\r\n")
                                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, done.status(), done.text());
        Document doc = done.doc();
        assertEquals(
                "Das Gemeindeverzeichnis land96-"
                        + tag
                        + ".zip (Gebietsstand 30.11.2025) wurde eingelesen.",
                doc.selectFirst(".upload-outcome .notice.ok").text());
        Map<String, String> facts = facts(doc);
        assertEquals("3", facts.get("Gemeinden in der Datei"));
        assertEquals("3", facts.get("neu"));
        assertEquals("0", facts.get("aufgelöst"));
        assertEquals("1", facts.get("Länder"));
        assertEquals(activeBefore + 3, register.activeCount());
        assertEquals("Probehausen", register.findByAgs("96051002").orElseThrow().displayName());
        assertTrue(
                doc.selectFirst("table.register-imports")
                        .text()
                        .contains("land96-" + tag + ".zip"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'REGISTER_IMPORTED'"
                                + " AND details LIKE ?",
                        "%land96-" + tag + "%"));
    }

    @Test
    void aDomainFileWithOneBadLineChangesNothingAndAGoodOneAddsTheDomain() {
        String good = "rathaus-" + tag + ".example";
        String file =
                "ags;domain;verified\n06412000;"
                        + good
                        + ";ja\n99999999;andere-"
                        + tag
                        + ".example;\n";
        String name = "domains-" + tag + ".csv";
        Web.Page refused =
                upload(
                        admin,
                        "/verwaltung/register/domains",
                        name,
                        file.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, refused.status(), refused.text());
        assertEquals(
                "Die Datei " + name + " wurde nicht eingelesen; nichts wurde geändert. 1 Fehler:",
                refused.doc().selectFirst(".upload-outcome .notice.bad").text());
        assertEquals(
                List.of(
                        "Zeile 3: „99999999“ ist kein bekannter Gemeindeschlüssel (AGS, 8 Ziffern)."),
                refused.doc().select(".upload-errors li").eachText());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM municipality_domain WHERE domain = ?", good));

        Web.Page added =
                upload(
                        admin,
                        "/verwaltung/register/domains",
                        name,
                        ("ags,domain\n06412000," + good + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, added.status(), added.text());
        assertEquals(
                "Die Domains aus " + name + " wurden eingelesen.",
                added.doc().selectFirst(".notice.ok").text());
        assertEquals("1", facts(added.doc()).get("neu eingetragen"));
        Map<String, Object> row =
                db.row("SELECT * FROM municipality_domain WHERE domain = ?", good);
        assertEquals("06412000", row.get("ags"));
        assertEquals("upload:" + name, row.get("source"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM municipality_domain WHERE domain = ? AND verified",
                        good));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'DOMAINS_IMPORT_REJECTED'"
                                + " AND details LIKE ?",
                        "%" + name + "%"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'DOMAINS_IMPORTED'"
                                + " AND details LIKE ? AND details LIKE '%\"added\":1%'",
                        "%" + name + "%"));
        db.update("DELETE FROM municipality_domain WHERE domain = ?", good);
    }

    @Test
    void organisersGet403AndDoNotSeeTheLink() {
        Organiser city = fixtures.organiser("Stadt Verzeichnis");
        Web organiser = accounts.signedIn(base, accounts.organiser(city));
        assertEquals(403, organiser.get("/verwaltung/register").status());
        String token = Web.csrf(organiser.get("/verwaltung/aufrufe/neu"));
        String domain = "fremd-" + tag + ".example";
        Web.Page post =
                organiser.postFile(
                        token,
                        "/verwaltung/register/domains",
                        "file",
                        "d.csv",
                        ("ags,domain\n06412000," + domain + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(403, post.status());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM municipality_domain WHERE domain = ?", domain));
        assertEquals(
                403,
                organiser
                        .postFile(
                                token,
                                "/verwaltung/register/gemeinden",
                                "file",
                                "land96.txt",
                                String.join("\n", testland()).getBytes(StandardCharsets.UTF_8))
                        .status());
        assertTrue(register.findByAgs("96001000").isEmpty());
        assertNull(
                organiser
                        .get("/verwaltung")
                        .doc()
                        .selectFirst(".console-nav a[href=/verwaltung/register]"));
        assertNotNull(
                admin.get("/verwaltung")
                        .doc()
                        .selectFirst(".console-nav a[href=/verwaltung/register]"));
    }

    @Test
    void aMissingFileIsAsked() {
        Web.Page none = upload(admin, "/verwaltung/register/domains", "", new byte[0]);
        assertEquals(422, none.status());
        assertEquals(
                "Bitte wählen Sie eine Datei aus.", none.doc().selectFirst(".notice.bad").text());
        assertFalse(none.text().contains("Fehler:"));
    }

    private static Map<String, String> facts(Document doc) {
        Map<String, String> out = new LinkedHashMap<>();
        var dts = doc.select(".upload-outcome dl.facts dt");
        var dds = doc.select(".upload-outcome dl.facts dd");
        for (int i = 0; i < dts.size(); i++) {
            out.put(dts.get(i).text(), dds.get(i).text());
        }
        return out;
    }

    /**
     * A small register of the made-up Land 96 in the GV100AD record layout (220 characters per
     * record).
     */
    static List<String> testland() {
        String stand = "20251130";
        List<String> lines = new ArrayList<>();
        lines.add(
                pad(
                        "10"
                                + stand
                                + LAND
                                + " ".repeat(10)
                                + col("Testland Sechsundneunzig", 50)
                                + col("Teststadt", 50)));
        lines.add(
                pad(
                        "40"
                                + stand
                                + "96001"
                                + " ".repeat(7)
                                + col("Teststadt, Stadt", 50)
                                + col("Teststadt", 50)
                                + "41"));
        lines.add(
                pad(
                        "50"
                                + stand
                                + "96001"
                                + "   "
                                + "0000"
                                + col("Teststadt, Stadt", 50)
                                + col("", 50)
                                + "50"));
        lines.add(
                gemeinde(
                        stand,
                        "96001000",
                        "0000",
                        "Teststadt, Stadt",
                        "61",
                        12_345,
                        120_000,
                        "96001"));
        lines.add(
                pad(
                        "40"
                                + stand
                                + "96051"
                                + " ".repeat(7)
                                + col("Probe", 50)
                                + col("Probehausen", 50)
                                + "43"));
        lines.add(
                pad(
                        "50"
                                + stand
                                + "96051"
                                + "   "
                                + "0051"
                                + col("Amt Probe", 50)
                                + col("", 50)
                                + "51"));
        lines.add(gemeinde(stand, "96051002", "0051", "Probehausen", "64", 1_000, 400, "96052"));
        lines.add(
                gemeinde(
                        stand,
                        "96051003",
                        "0051",
                        "Probenbüttel, Stadt",
                        "63",
                        2_000,
                        3_000,
                        "96053"));
        return lines;
    }

    private static String gemeinde(
            String stand,
            String ags8,
            String verband4,
            String name,
            String type,
            long areaHa,
            int population,
            String postalCode) {
        return pad(
                "60"
                        + stand
                        + ags8
                        + verband4
                        + col(name, 50)
                        + col("", 50)
                        + type
                        + "    "
                        + num(areaHa)
                        + num(population)
                        + num(population / 2)
                        + "    "
                        + col(postalCode, 5)
                        + "*****");
    }

    private static String pad(String s) {
        return col(s, 220);
    }

    private static String col(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String num(long n) {
        return String.format("%011d", n);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(String name, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void anArchiveThatUnpacksBeyond64MegabytesIsRefusedAndChangesNothing() throws Exception {
        long before = registerRows();
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(packed)) {
            byte[] line = "x".repeat(1023).concat("\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 70 * 1024; i++) {
                gz.write(line);
            }
        }
        assertTrue(packed.size() < 10 * 1024 * 1024, "a small upload: " + packed.size());
        Web.Page page =
                upload(
                        admin,
                        "/verwaltung/register/gemeinden",
                        "bombe.txt.gz",
                        packed.toByteArray());
        assertEquals(422, page.status(), page.text());
        assertTrue(page.text().contains("entpackt größer als 64 MB"), page.text());
        assertEquals(before, registerRows());
    }
}
