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
                                "Public appeals of German municipalities and their counted support, and alliances of"
                                        + " municipalities with their members. Read-only, no key, "
                                        + "CORS for any origin; answers may be cached for 5 seconds (ETag, If-None-Match).",
                        license =
                                @License(
                                        name = "Register data: dl-de/by-2-0 (Destatis, BKG)",
                                        url = "https://www.govdata.de/dl-de/by-2-0")))
// Sub-packages are not covered by their parent: each console package is named.
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
            // sub-packages are not covered by their parent: every feature's console pages are named
            // here
            "de.mitzeichnen.appeal.console",
            "de.mitzeichnen.organiser.console",
            "de.mitzeichnen.security.console",
            "de.mitzeichnen.municipality.console",
            "de.mitzeichnen.municipality.learnt",
            "de.mitzeichnen.export.console",
            "de.mitzeichnen.invitation.console",
            "de.mitzeichnen.audit.console",
            "de.mitzeichnen.dashboard",
            "de.mitzeichnen.replies",
            "de.mitzeichnen.outcome",
            "de.mitzeichnen.retention",
            "de.mitzeichnen.ratelimit",
            "de.mitzeichnen.accessibility"
        })
interface OpenApiDefinition {}
