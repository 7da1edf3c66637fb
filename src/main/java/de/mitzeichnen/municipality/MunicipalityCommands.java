package de.mitzeichnen.municipality;

import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The operator commands {@code import-municipalities FILE} and {@code import-domains FILE}; exit
 * code 0 or 1.
 */
@Singleton
public class MunicipalityCommands {

    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final MunicipalityImport municipalities;
    private final MailDomains domains;
    private final Texts texts;

    MunicipalityCommands(MunicipalityImport municipalities, MailDomains domains, Texts texts) {
        this.municipalities = municipalities;
        this.domains = domains;
        this.texts = texts;
    }

    public int importMunicipalities(Path file, Locale locale, PrintStream out) {
        try (InputStream in = open(file)) {
            MunicipalityImportReport r =
                    municipalities.importGv100ad(in, String.valueOf(file.getFileName()));
            if (!r.ok()) {
                out.println(
                        texts.get(locale, "municipality.import.rejected", file, r.errorCount()));
                printErrors(r.errors(), r.errorCount(), locale, out);
                return 1;
            }
            out.println(
                    texts.get(
                            locale,
                            "municipality.import.report",
                            file.getFileName(),
                            r.gebietsstand().format(GERMAN_DATE),
                            r.municipalities(),
                            r.added(),
                            r.updated(),
                            r.retired(),
                            r.reactivated(),
                            r.unchanged(),
                            r.laender(),
                            r.kreise(),
                            r.verbaende(),
                            r.unincorporated(),
                            r.millis()));
            return 0;
        } catch (IOException e) {
            out.println(texts.get(locale, "municipality.cli.unreadable", file, e.getMessage()));
            return 1;
        }
    }

    public int importDomains(Path file, Locale locale, PrintStream out) {
        try (InputStream in = open(file)) {
            DomainImportReport r = domains.importCsv(in, "import:" + file.getFileName());
            if (!r.ok()) {
                out.println(
                        texts.get(locale, "municipality.domains.rejected", file, r.errorCount()));
                printErrors(r.errors(), r.errorCount(), locale, out);
                return 1;
            }
            out.println(
                    texts.get(
                            locale,
                            "municipality.domains.report",
                            file.getFileName(),
                            r.rows(),
                            r.added(),
                            r.updated(),
                            r.unchanged()));
            return 0;
        } catch (IOException e) {
            out.println(texts.get(locale, "municipality.cli.unreadable", file, e.getMessage()));
            return 1;
        }
    }

    private void printErrors(List<LineError> errors, int count, Locale locale, PrintStream out) {
        for (LineError e : errors) {
            out.println("  " + texts.get(locale, e.messageKey(), e.args().toArray()));
        }
        if (count > errors.size()) {
            out.println(
                    "  "
                            + texts.get(
                                    locale,
                                    "municipality.import.moreErrors",
                                    count - errors.size()));
        }
    }

    /**
     * Plain, gzip-compressed (as the product ships it) or the ZIP archive Destatis publishes (its
     * first file).
     */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            return new GZIPInputStream(in);
        }
        if (name.endsWith(".zip")) {
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    return zip;
                }
            }
            zip.close();
            throw new IOException("the ZIP archive contains no file");
        }
        return in;
    }
}
