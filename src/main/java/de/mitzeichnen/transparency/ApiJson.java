package de.mitzeichnen.transparency;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The shapes of the open API (instants as ISO-8601 UTC text). */
final class ApiJson {

    private ApiJson() {}

    /** The counted places of a list, per kind (foreign places are municipalities). */
    static Kinds kinds(List<Place> places) {
        long districts = places.stream().filter(p -> "district".equals(p.kind())).count();
        return new Kinds(places.size() - districts, districts);
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            name = "Kinds",
            description = "Counted places per kind: never a Landkreis counted as a municipality")
    record Kinds(
            @Schema(description = "municipalities (in Germany or abroad)") long municipalities,
            @Schema(description = "Landkreise") long districts) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "StateCount", description = "Counted support in one Land")
    record State(
            @Schema(example = "06") String code,
            @Schema(example = "Hessen") String name,
            @Schema(
                            description =
                                    "municipalities and Landkreise together, as since version 1 (equal to places); for municipalities alone use kinds.municipalities",
                            deprecated = true)
                    long municipalities,
            @Schema(description = "municipalities and Landkreise together") long places,
            Kinds kinds,
            long signatures) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Counts", description = "Publicly counted support")
    record Counts(
            @Schema(description = "counted municipalities (in Germany or abroad), no Landkreise")
                    long municipalities,
            @Schema(description = "counted Landkreise") long districts,
            @Schema(description = "municipalities and Landkreise together") long places,
            Kinds kinds,
            long signatures,
            @Schema(description = "inhabitants of the counted German municipalities")
                    long population,
            @Schema(description = "confirmed signatures not yet counted publicly")
                    long awaitingVerification,
            List<State> byState) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Appeal", description = "A public appeal with its counts")
    record Appeal(
            @Schema(example = "migration-als-chance") String slug,
            String title,
            String organiser,
            @Schema(allowableValues = {"upcoming", "open", "closed", "archived"}) String status,
            @Schema(example = "2025-12-03T22:59:59Z") String deadline,
            Counts counts,
            @Schema(description = "when the counted support last changed", nullable = true)
                    @Nullable
                    String updatedAt,
            @Schema(
                            description = "the hand-over after the deadline, once recorded",
                            type = "object",
                            nullable = true)
                    @Nullable
                    Outcome handover,
            @Schema(
                            description = "the addressee's answer, once recorded",
                            type = "object",
                            nullable = true)
                    @Nullable
                    Outcome answer) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Outcome", description = "The hand-over of an appeal or the addressee's answer")
    record Outcome(
            @Schema(example = "2025-12-10") String date,
            @Schema(
                            description =
                                    "to whom it was handed over / who answered; null: the appeal's addressee",
                            nullable = true)
                    @Nullable
                    String recipient,
            String note,
            @Schema(
                            description = "absolute path of the file the organiser published",
                            nullable = true)
                    @Nullable
                    String file) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AppealList")
    record Appeals(List<Appeal> appeals) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            name = "Signatory",
            description =
                    "An office that signed; the name only where its owner agreed and the appeal publishes names")
    record Signatory(
            @Schema(example = "MAYOR") String role,
            @Schema(example = "Bürgermeister:in") String roleLabel,
            @Nullable String name,
            String confirmedAt) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            name = "SupportingPlace",
            description = "A counted municipality, Landkreis or foreign place")
    record Place(
            @Schema(allowableValues = {"municipality", "district", "foreign"}) String kind,
            @Schema(example = "06412000", nullable = true) @Nullable String ags,
            @Schema(example = "CH", nullable = true) @Nullable String country,
            String name,
            @Schema(type = "object", nullable = true) @Nullable Land state,
            String firstSupport,
            List<Signatory> signatories) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "SupportingPlaces")
    record Places(
            String slug,
            @Schema(description = "all places in the list: municipalities and Landkreise")
                    long count,
            Kinds kinds,
            @Schema(description = "the places of every kind (see kind)")
                    List<Place> municipalities) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Land")
    record Land(@Schema(example = "06") String code, @Schema(example = "Hessen") String name) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Error")
    record Error(@Schema(example = "Diesen Aufruf gibt es nicht.") String message) {}
}
