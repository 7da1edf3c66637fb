package de.mitzeichnen.appeal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The offices in which officials sign for their municipality. Labels live in the message bundles (role.CODE). */
public enum SignerRole {
    LORD_MAYOR,
    MAYOR,
    DEPUTY_MAYOR,
    DEZERNENT,
    COUNCILLOR,
    DISTRICT_COMMITTEE,
    DISTRICT_ADMINISTRATOR,
    DISTRICT_COUNCILLOR,
    OTHER;

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
