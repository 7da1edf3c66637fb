package de.mitzeichnen.alliance;

import io.micronaut.core.annotation.Nullable;

/**
 * A member's place as the pages show it: its name from the register (or as entered, abroad), its
 * Land or country, the inhabitants the register gives, and its point on the map where known.
 *
 * @param kreisKey the Landkreis a German municipality lies in (its own key for a Landkreis)
 */
public record PlaceInfo(
        MemberPlace place,
        String name,
        @Nullable String landCode,
        @Nullable String landName,
        @Nullable String country,
        long population,
        @Nullable Double lat,
        @Nullable Double lon,
        @Nullable String kreisKey) {

    /** The AGS or Landkreis key; null abroad. */
    public @Nullable String ags() {
        return place.kind() == MemberPlace.Kind.FOREIGN ? null : place.key();
    }

    public boolean district() {
        return place.kind() == MemberPlace.Kind.DISTRICT;
    }

    public boolean abroad() {
        return place.kind() == MemberPlace.Kind.FOREIGN;
    }
}
