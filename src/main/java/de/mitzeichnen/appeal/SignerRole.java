package de.mitzeichnen.appeal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The offices in which officials sign for their municipality or Landkreis. Labels live in the
 * message bundles (role.CODE). A Landkreis is signed for only in a district office (or OTHER), a
 * municipality only in a municipal one.
 */
public enum SignerRole {
    LORD_MAYOR,
    MAYOR,
    DEPUTY_MAYOR,
    DEZERNENT,
    COUNCILLOR,
    DISTRICT_COMMITTEE,
    DISTRICT_ADMINISTRATOR,
    DISTRICT_COUNCILLOR,
    /** Beigeordnete:r des Kreises (Kreisbeigeordnete:r, Dezernent:in der Kreisverwaltung). */
    DISTRICT_DEPUTY,
    OTHER;

    private static final Set<SignerRole> DISTRICT_ROLES =
            EnumSet.of(DISTRICT_ADMINISTRATOR, DISTRICT_COUNCILLOR, DISTRICT_DEPUTY);

    /**
     * Whether one signs in this office for a Landkreis ({@code true}) or a municipality; OTHER fits
     * both.
     */
    public boolean fits(boolean forDistrict) {
        return this == OTHER || DISTRICT_ROLES.contains(this) == forDistrict;
    }

    public static Set<SignerRole> all() {
        return EnumSet.allOf(SignerRole.class);
    }

    public static Optional<SignerRole> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.name().equals(code.trim())).findFirst();
    }

    public String messageKey() {
        return "role." + name();
    }
}
