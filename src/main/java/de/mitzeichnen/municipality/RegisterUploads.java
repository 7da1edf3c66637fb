package de.mitzeichnen.municipality;

import de.mitzeichnen.db.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What the register page needs besides the import services: unpacking uploads and the latest
 * imports.
 */
@Singleton
@Connectable
class RegisterUploads {

    /** One line of the register's import log. */
    record ImportLogEntry(
            String source,
            LocalDate gebietsstand,
            int added,
            int updated,
            int retired,
            int reactivated,
            int unchanged,
            Instant importedAt) {

        /** The Gebietsstand as Germans write dates (used by the template, hence public). */
        public String stand() {
            return gebietsstand.format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        }
    }

    private final JdbcOperations jdbc;

    RegisterUploads(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    List<ImportLogEntry> recentImports(int limit) {
        return Sql.list(
                jdbc.getConnection(),
                "SELECT source, gebietsstand, added, updated, retired, reactivated,"
                        + " unchanged, imported_at FROM municipality_import ORDER BY id DESC LIMIT ?",
                rs ->
                        new ImportLogEntry(
                                rs.getString(1),
                                LocalDate.parse(rs.getString(2)),
                                rs.getInt(3),
                                rs.getInt(4),
                                rs.getInt(5),
                                rs.getInt(6),
                                rs.getInt(7),
                                Sql.instant(rs, 8)),
                limit);
    }

    /**
     * The uploaded file as the import reads it: plain text as it is, gzip unpacked, and of a ZIP
     * archive (as Destatis publishes the GV100AD) its first file. Recognised by content, not by
     * name.
     *
     * @throws IOException when the archive is broken or holds no file
     */
    static InputStream unpacked(byte[] bytes) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            return new Limited(new GZIPInputStream(in, 64 * 1024));
        }
        if (bytes.length >= 4
                && bytes[0] == 'P'
                && bytes[1] == 'K'
                && bytes[2] == 3
                && bytes[3] == 4) {
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    return new Limited(zip);
                }
            }
            throw new IOException("the ZIP archive holds no file");
        }
        return in;
    }

    /**
     * At most this much unpacked: the GV100AD is about 3.5 MB; a 10 MB archive could unpack to
     * gigabytes.
     */
    static final long MAX_UNPACKED = 64L * 1024 * 1024;

    /** An unpacked stream that fails (as a broken archive does) beyond {@link #MAX_UNPACKED}. */
    static final class Limited extends FilterInputStream {
        private long read;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_UNPACKED) {
                throw new IOException("unpacked larger than " + MAX_UNPACKED + " bytes");
            }
        }
    }
}
