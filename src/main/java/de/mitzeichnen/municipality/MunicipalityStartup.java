package de.mitzeichnen.municipality;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty register from the shipped GV100AD file when the application starts, before the
 * HTTP server takes requests, and builds the search indexes. A register that has rows is left as it
 * is.
 */
@Singleton
class MunicipalityStartup implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MunicipalityStartup.class);

    private final MunicipalityConfig config;
    private final MunicipalityImport importer;
    private final MunicipalityRegister register;
    private final ForeignMunicipalities foreign;

    MunicipalityStartup(
            MunicipalityConfig config,
            MunicipalityImport importer,
            MunicipalityRegister register,
            ForeignMunicipalities foreign) {
        this.config = config;
        this.importer = importer;
        this.register = register;
        this.foreign = foreign;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!config.isAutoload()) {
            return;
        }
        importer.importShippedIfEmpty()
                .ifPresentOrElse(
                        report -> {
                            if (!report.ok()) {
                                throw new IllegalStateException(
                                        "The shipped municipality register is unreadable: "
                                                + report.errors());
                            }
                            LOG.info(
                                    "Loaded the municipality register from {} (Gebietsstand {}) in {} ms: {} Länder, {} Kreise, "
                                            + "{} Gemeindeverbände, {} municipalities with {} residents; {} unincorporated areas "
                                            + "not kept as municipalities",
                                    report.source(),
                                    report.gebietsstand(),
                                    report.millis(),
                                    report.laender(),
                                    report.kreise(),
                                    report.verbaende(),
                                    report.municipalities(),
                                    report.population(),
                                    report.unincorporated());
                        },
                        () -> {
                            register.reload();
                            LOG.info(
                                    "Municipality register: {} active municipalities",
                                    register.activeCount());
                        });
        // Loaded now, so that no search request has to wait for the database.
        foreign.refresh();
    }
}
