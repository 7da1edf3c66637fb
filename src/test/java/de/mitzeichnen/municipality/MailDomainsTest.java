package de.mitzeichnen.municipality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.Commands;
import de.mitzeichnen.testsupport.Db;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class MailDomainsTest {

    static final String FLENSBURG = "01001000";
    static final String KIEL = "01002000";

    @Inject MailDomains domains;
    @Inject Db db;

    /** A domain no other test uses. */
    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".de";
    }

    static ByteArrayInputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void trustForTellsTheFourCasesApart() {
        String flensburg = unique("stadt-flensburg");
        domains.addDomain(FLENSBURG, flensburg, "console", true);

        assertEquals(
                DomainTrust.OFFICIAL_DOMAIN,
                domains.trustFor("oberbuergermeister@" + flensburg, FLENSBURG));
        assertEquals(
                DomainTrust.OTHER_MUNICIPALITY,
                domains.trustFor("oberbuergermeister@" + flensburg, KIEL));
        assertEquals(DomainTrust.FREEMAIL, domains.trustFor("buergermeister.kiel@gmx.de", KIEL));
        assertEquals(DomainTrust.UNKNOWN, domains.trustFor("info@" + unique("irgendwas"), KIEL));
    }

    @Test
    void subdomainsCaseAndInternationalNamesMatch() {
        String base = unique("stadt-x");
        domains.addDomain(FLENSBURG, base, "console", false);
        assertEquals(
                DomainTrust.OFFICIAL_DOMAIN, domains.trustFor("a.b@rathaus." + base, FLENSBURG));
        assertEquals(
                DomainTrust.OFFICIAL_DOMAIN,
                domains.trustFor("  A.B@Rathaus." + base.toUpperCase() + " ", FLENSBURG));
        assertEquals(DomainTrust.UNKNOWN, domains.trustFor("x@not" + base, FLENSBURG));
        String umlaut = "stadt-müllheim-" + UUID.randomUUID().toString().substring(0, 8) + ".de";
        domains.addDomain(KIEL, umlaut, "console", true);
        assertEquals(DomainTrust.OFFICIAL_DOMAIN, domains.trustFor("info@" + umlaut, KIEL));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM municipality_domain WHERE domain = ?",
                        MailDomains.normaliseDomain(umlaut).orElseThrow()));
        assertTrue(MailDomains.normaliseDomain(umlaut).orElseThrow().startsWith("xn--"));
        assertEquals(DomainTrust.UNKNOWN, domains.trustFor("kein-at-zeichen", KIEL));
        assertEquals(DomainTrust.UNKNOWN, domains.trustFor(null, KIEL));
        assertEquals(DomainTrust.UNKNOWN, domains.trustFor("x@", KIEL));
    }

    @Test
    void severalDomainsPerMunicipalityAndOneDomainForSeveral() {
        String amt = unique("amt-probe");
        String own = unique("flensburg");
        domains.addDomain(FLENSBURG, amt, "console", true);
        domains.addDomain(FLENSBURG, own, "console", true);
        domains.addDomain(KIEL, amt, "console", true);
        domains.addDomain(KIEL, amt, "console", true);
        assertEquals(DomainTrust.OFFICIAL_DOMAIN, domains.trustFor("x@" + amt, KIEL));
        assertEquals(DomainTrust.OFFICIAL_DOMAIN, domains.trustFor("x@" + amt, FLENSBURG));
        assertEquals(2, db.count("SELECT COUNT(*) FROM municipality_domain WHERE domain = ?", amt));
        assertTrue(
                domains.domainsOf(FLENSBURG).stream()
                        .map(MunicipalityDomain::domain)
                        .toList()
                        .containsAll(List.of(amt, own)));
    }

    @Test
    void addDomainMarksVerifiedOnASecondClickAndRefusesNonsense() {
        String d = unique("lernt");
        domains.addDomain(KIEL, d, "learnt", false);
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM municipality_domain WHERE domain = ? AND verified",
                        d));
        domains.addDomain(KIEL, d, "console", true);
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM municipality_domain WHERE domain = ? AND verified",
                        d));
        assertEquals(
                "learnt",
                db.row("SELECT source FROM municipality_domain WHERE domain = ?", d).get("source"));

        DomainException unknown =
                assertThrows(
                        DomainException.class, () -> domains.addDomain("99999999", d, "x", true));
        assertEquals("municipality.domain.unknownAgs", unknown.messageKey());
        DomainException invalid =
                assertThrows(
                        DomainException.class,
                        () -> domains.addDomain(KIEL, "https://www.kiel.de/", "x", true));
        assertEquals("municipality.domain.invalid", invalid.messageKey());
        DomainException free =
                assertThrows(
                        DomainException.class, () -> domains.addDomain(KIEL, "GMX.de", "x", true));
        assertEquals("municipality.domain.freemail", free.messageKey());
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM municipality_domain WHERE domain IN ('gmx.de', 'kiel.de')"
                                + " AND ags = ?",
                        KIEL));
    }

    @Test
    void freemailIsRecognisedIncludingEveryYahoo() {
        for (String d :
                List.of(
                        "gmx.de",
                        "gmx.net",
                        "web.de",
                        "t-online.de",
                        "gmail.com",
                        "googlemail.com",
                        "outlook.com",
                        "outlook.de",
                        "hotmail.com",
                        "hotmail.de",
                        "live.de",
                        "yahoo.de",
                        "yahoo.com",
                        "yahoo.co.uk",
                        "de.yahoo.com",
                        "posteo.de",
                        "mailbox.org",
                        "icloud.com",
                        "me.com",
                        "aol.com",
                        "freenet.de",
                        "arcor.de",
                        "1und1.de",
                        "email.de",
                        "protonmail.com",
                        "proton.me",
                        "WEB.DE")) {
            assertTrue(domains.isFreemail(d), d);
        }
        for (String d :
                List.of(
                        "kiel.de",
                        "stadt-frankfurt.de",
                        "yahoo-gemeinde.de",
                        "notgmx.de",
                        "",
                        "x")) {
            assertFalse(domains.isFreemail(d), d);
        }
    }

    @Test
    void csvImportAddsAndReportsAndAcceptsSemicolons() {
        String a = unique("csv-a");
        String b = unique("csv-b");
        DomainImportReport report =
                domains.importCsv(
                        csv(
                                "ags;domain\n"
                                        + FLENSBURG
                                        + ";"
                                        + a
                                        + "\n\n"
                                        + KIEL
                                        + ";"
                                        + b
                                        + "\n"
                                        + KIEL
                                        + ";"
                                        + b.toUpperCase()
                                        + "\n"));
        assertTrue(report.ok(), report.errors().toString());
        assertEquals(3, report.rows());
        assertEquals(2, report.added());
        assertEquals(1, report.unchanged());
        assertEquals(DomainTrust.OFFICIAL_DOMAIN, domains.trustFor("x@" + b, KIEL));
        assertEquals(
                "csv-import",
                db.row("SELECT source FROM municipality_domain WHERE domain = ?", a).get("source"));

        DomainImportReport again =
                domains.importCsv(csv("AGS,Domain,verified\n" + FLENSBURG + "," + a + ",true\n"));
        assertEquals(
                List.of(1, 0, 0, 1),
                List.of(again.rows(), again.added(), again.updated(), again.unchanged()));
    }

    @Test
    void aCsvWithErrorsNamesEveryLineAndChangesNothing() {
        String good = unique("csv-good");
        DomainImportReport report =
                domains.importCsv(
                        csv(
                                "ags,domain\n"
                                        + FLENSBURG
                                        + ","
                                        + good
                                        + "\n" // 2 fine
                                        + "99999999,stadt-nirgendwo.de\n" // 3 unknown AGS
                                        + KIEL
                                        + ",nicht eine domain\n" // 4 invalid
                                        + KIEL
                                        + ",gmx.de\n" // 5 free-mail
                                        + "1234,kiel.de\n" // 6 not an AGS
                                        + KIEL
                                        + ",\n")); // 7 missing
        assertFalse(report.ok());
        assertEquals(5, report.errorCount());
        assertEquals(
                List.of(3, 4, 5, 6, 7), report.errors().stream().map(LineError::line).toList());
        assertEquals(
                List.of(
                        "municipality.domains.error.unknownAgs",
                        "municipality.domains.error.invalid",
                        "municipality.domains.error.freemail",
                        "municipality.domains.error.unknownAgs",
                        "municipality.domains.error.missing"),
                report.errors().stream().map(LineError::messageKey).toList());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM municipality_domain WHERE domain = ?", good));

        DomainImportReport header =
                domains.importCsv(csv("gemeinde,url\n" + FLENSBURG + "," + good + "\n"));
        assertEquals("municipality.domains.error.header", header.errors().get(0).messageKey());
        assertEquals(1, header.errors().get(0).line());
        assertEquals(
                "municipality.domains.error.empty",
                domains.importCsv(csv("")).errors().get(0).messageKey());
    }

    @Test
    void theImportDomainsCommandReports() throws Exception {
        String d = unique("cli");
        Path file = Files.createTempFile("domains", ".csv");
        Files.writeString(file, "ags,domain\n" + FLENSBURG + "," + d + "\n");
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code =
                    Commands.run(
                            new String[] {"import-domains", file.toString()},
                            new PrintStream(out, true, StandardCharsets.UTF_8));
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, text);
            assertTrue(
                    text.contains(": 1 row(s) – 1 new, 0 marked verified, 0 already registered."),
                    text);
            Files.writeString(file, "ags,domain\n" + FLENSBURG + ",web.de\n");
            out.reset();
            code =
                    Commands.run(
                            new String[] {"import-domains", file.toString()},
                            new PrintStream(out, true, StandardCharsets.UTF_8));
            text = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, text);
            assertTrue(
                    text.contains(
                            "Line 2: web.de is a free-mail provider and cannot be an official domain."),
                    text);
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(DomainTrust.OFFICIAL_DOMAIN, domains.trustFor("x@" + d, FLENSBURG));
    }

    /**
     * A list in the shape of the okfde list (its columns, free-mail rows flagged, a row without a
     * mail domain; the okfde list itself has no licence and is not part of the repository) as an
     * example import: as it is, its free-mail rows and the row without a domain stop it; without
     * them it imports completely.
     */
    @Test
    void anOkfdeShapedListImportsAsAnExample() throws Exception {
        String source = "test-okfde-" + UUID.randomUUID().toString().substring(0, 8);
        long before = db.count("SELECT COUNT(*) FROM municipality_domain");
        DomainImportReport raw = domains.importCsv(example(), source);
        assertFalse(raw.ok());
        assertEquals(
                3,
                raw.errorCount(),
                raw.errors().toString()); // 2 free-mail rows, 1 without a domain
        assertEquals(before, db.count("SELECT COUNT(*) FROM municipality_domain"));

        StringBuilder clean = new StringBuilder("ags,domain\n");
        try (Reader r = new InputStreamReader(example(), StandardCharsets.UTF_8)) {
            for (CSVRecord rec :
                    CSVFormat.DEFAULT
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .build()
                            .parse(r)) {
                if (!rec.get("email_domain").isEmpty()
                        && rec.get("email_domain_is_freemail").equals("0")) {
                    clean.append(rec.get("ags"))
                            .append(',')
                            .append(rec.get("email_domain"))
                            .append('\n');
                }
            }
        }
        try {
            DomainImportReport report = domains.importCsv(csv(clean.toString()), source);
            assertTrue(report.ok(), report.errors().toString());
            assertEquals(12, report.rows());
            assertEquals(12, report.added() + report.unchanged());
            assertEquals(
                    DomainTrust.OFFICIAL_DOMAIN,
                    domains.trustFor("poststelle@muenchen.de", "09162000"));
            assertEquals(
                    DomainTrust.OFFICIAL_DOMAIN,
                    domains.trustFor("info@rathaus.ingolstadt.de", "09161000"));
            assertEquals(
                    DomainTrust.OTHER_MUNICIPALITY,
                    domains.trustFor("poststelle@muenchen.de", "09161000"));
        } finally {
            db.update("DELETE FROM municipality_domain WHERE source = ?", source);
        }
    }

    private static InputStream example() {
        return MailDomainsTest.class.getResourceAsStream(
                "/reference/domains/okfde-shaped-example.csv");
    }

    @Test
    void landkreiseHaveOfficialDomainsLikeMunicipalitiesAndDomainsCompareInAsciiForm() {
        String fulda = unique("landkreis-fulda");
        DomainImportReport report = domains.importCsv(csv("ags,domain\n06631," + fulda + "\n"));
        assertEquals(1, report.added(), report.toString());
        assertEquals(DomainTrust.OFFICIAL_DOMAIN, domains.trustFor("landrat@" + fulda, "06631"));
        assertEquals(DomainTrust.OTHER_MUNICIPALITY, domains.trustFor("landrat@" + fulda, KIEL));
        // a kreisfreie Stadt's key (Kassel) is no district: refused, nothing changes
        DomainImportReport refused =
                domains.importCsv(csv("ags,domain\n06611," + unique("kassel") + "\n"));
        assertEquals(0, refused.added());
        assertEquals(1, refused.errorCount(), refused.toString());

        String umlaut = unique("kreis-höxter");
        domains.addDomain("05762", umlaut, "console", true);
        String ascii = MailDomains.normaliseDomain(umlaut).orElseThrow();
        assertTrue(ascii.startsWith("xn--"), ascii);
        assertEquals(DomainTrust.OFFICIAL_DOMAIN, domains.trustFor("landrat@" + umlaut, "05762"));
        assertEquals(DomainTrust.OFFICIAL_DOMAIN, domains.trustFor("landrat@" + ascii, "05762"));
        // "ℌöxter" maps to "höxter" by UTS #46: the same domain
        assertEquals(
                DomainTrust.OFFICIAL_DOMAIN,
                domains.trustFor("landrat@" + umlaut.replace("kreis-h", "kreis-\u210C"), "05762"));
        // a Cyrillic і in it makes another, refused domain
        assertEquals(
                DomainTrust.UNKNOWN,
                domains.trustFor("landrat@" + umlaut.replace("kreis", "kre\u0456s"), "05762"));
        assertTrue(MailDomains.normaliseDomain("mu\u0435nchen.de").isEmpty());
    }
}
