package de.mitzeichnen.alliance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The shapes of the alliance part of the open API (dates as ISO-8601 text). */
final class AllianceJson {

    private AllianceJson() {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AllianceContact", description = "Whom to ask about the alliance")
    record Contact(
            @Schema(example = "Geschäftsstelle", nullable = true) @Nullable String name,
            @Schema(example = "kontakt@example.org") String email) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            name = "AllianceCounts",
            description =
                    "The members on the given day: never a Landkreis counted as a municipality;"
                            + " a member Landkreis covers its municipalities' inhabitants once")
    record Counts(
            @Schema(description = "member municipalities (in Germany or abroad), no Landkreise")
                    long municipalities,
            @Schema(description = "member Landkreise") long districts,
            @Schema(description = "of the municipalities, those abroad") long abroad,
            @Schema(description = "municipalities and Landkreise together") long members,
            @Schema(description = "inhabitants the German members cover") long population,
            @Schema(description = "the day these numbers are for", example = "2026-01-15")
                    String asOf) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AllianceStateCount", description = "The members in one Land")
    record State(
            @Schema(example = "06") String code,
            @Schema(example = "Hessen") String name,
            long municipalities,
            long districts,
            long population) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AllianceAppealCounts", description = "An appeal's counted support")
    record AppealCounts(long municipalities, long districts, long signatures, long population) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AllianceAppeal", description = "A public appeal the alliance runs")
    record Appeal(
            @Schema(example = "migration-als-chance") String slug,
            String title,
            @Schema(allowableValues = {"upcoming", "open", "closed", "archived"}) String status,
            @Schema(example = "2025-12-03T22:59:59Z") String deadline,
            AppealCounts counts) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Alliance", description = "A public alliance of municipalities")
    record Alliance(
            @Schema(example = "sichere-haefen") String slug,
            @Schema(example = "Städte Sicherer Häfen") String name,
            @Schema(description = "the organisation that runs it") String organiser,
            @Schema(description = "plain text; paragraphs separated by a blank line")
                    String description,
            Contact contact,
            Counts counts,
            @Schema(
                            description = "the address of its public page",
                            example = "/buendnisse/sichere-haefen")
                    String page) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AllianceList")
    record Alliances(List<Alliance> alliances) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            name = "AllianceDetail",
            description = "A public alliance with its members per Land and its appeals")
    record Detail(
            Alliance alliance,
            @Schema(description = "current members per Land, most members first")
                    List<State> byState,
            @Schema(description = "the public appeals it runs, open ones first")
                    List<Appeal> appeals) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "MemberState", description = "A member's Land")
    record Land(@Schema(example = "09") String code, @Schema(example = "Bayern") String name) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(
            name = "AllianceMember",
            description =
                    "One membership: a municipality, Landkreis or place abroad, from joinedOn until"
                            + " leftOn (the first day without it; null: not ended)")
    record Member(
            @Schema(allowableValues = {"municipality", "district", "foreign"}) String kind,
            @Schema(
                            description = "AGS of a municipality, 5-digit key of a Landkreis",
                            example = "09162000",
                            nullable = true)
                    @Nullable
                    String ags,
            @Schema(description = "ISO 3166-1 country code abroad", example = "CH", nullable = true)
                    @Nullable
                    String country,
            @Schema(example = "München") String name,
            @Schema(type = "object", nullable = true) @Nullable Land state,
            @Schema(description = "inhabitants by the register (0 abroad)") long population,
            @Schema(example = "2019-06-14") String joinedOn,
            @Schema(example = "2023-12-31", nullable = true) @Nullable String leftOn,
            @Schema(example = "Stadtratsbeschluss vom 18.12.2019", nullable = true) @Nullable
                    String basis) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AllianceMembers")
    record Members(
            String slug,
            @Schema(description = "first day of the range asked for", example = "2019-01-01")
                    String since,
            @Schema(description = "last day of the range asked for", example = "2026-01-15")
                    String until,
            @Schema(description = "memberships in force on at least one day of the range")
                    long count,
            List<Member> members) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "AllianceError")
    record Error(@Schema(example = "Dieses Bündnis gibt es nicht.") String message) {}
}
