package de.mitzeichnen.alliance;

import java.time.LocalDate;

/**
 * A member as a form or a file names it, checked against the register: a German municipality (with
 * the register's Gebietsstand, as signing stores it), a Landkreis, or a place abroad by country and
 * name – created, as signing creates it, only when the membership is stored.
 */
public sealed interface MemberTarget {

    record Municipality(String ags, LocalDate gebietsstand) implements MemberTarget {}

    record District(String key) implements MemberTarget {}

    /**
     * @param country ISO 3166-1 alpha-2, not DE
     */
    record Foreign(String country, String name) implements MemberTarget {}
}
