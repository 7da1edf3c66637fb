package de.mitzeichnen.transparency;

import io.micronaut.openapi.annotation.OpenAPIExclude;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/**
 * The OpenAPI document's head. Only the open JSON API is described: the packages that hold pages
 * and the console are left out, and the HTML controllers of this package are {@code @Hidden}.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Mitzeichnen",
                        version = "1",
                        description =
                                "Public appeals of German municipalities and their counted support. Read-only, no key, "
                                        + "CORS for any origin; answers may be cached for 5 seconds (ETag, If-None-Match).",
                        license =
                                @License(
                                        name = "Register data: dl-de/by-2-0 (Destatis, BKG)",
                                        url = "https://www.govdata.de/dl-de/by-2-0")))
// Every feature with pages is named (features are flat packages, see ArchitectureTest);
// OpenApiLintTest fails when a page slips into the document.
@OpenAPIExclude(
        packages = {
            "de.mitzeichnen.appeal",
            "de.mitzeichnen.console",
            "de.mitzeichnen.invitation",
            "de.mitzeichnen.mail",
            "de.mitzeichnen.security",
            "de.mitzeichnen.signing",
            "de.mitzeichnen.web",
            "de.mitzeichnen.moderation",
            "de.mitzeichnen.export",
            "de.mitzeichnen.map",
            "de.mitzeichnen.demo",
            "de.mitzeichnen.organiser",
            "de.mitzeichnen.audit",
            "de.mitzeichnen.dashboard",
            "de.mitzeichnen.replies",
            "de.mitzeichnen.outcome",
            "de.mitzeichnen.retention",
            "de.mitzeichnen.ratelimit",
            "de.mitzeichnen.accessibility"
        })
interface OpenApiDefinition {}
