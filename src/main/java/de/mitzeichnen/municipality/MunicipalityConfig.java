package de.mitzeichnen.municipality;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code mitzeichnen.municipality.*} (env: MITZEICHNEN_MUNICIPALITY_…). */
@ConfigurationProperties("mitzeichnen.municipality")
public class MunicipalityConfig {

    /**
     * Load the shipped register at start when the register is empty. The import commands turn it
     * off.
     */
    private boolean autoload = true;

    public boolean isAutoload() {
        return autoload;
    }

    public void setAutoload(boolean autoload) {
        this.autoload = autoload;
    }
}
