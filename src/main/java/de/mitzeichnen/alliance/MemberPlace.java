package de.mitzeichnen.alliance;

/**
 * What a member is, by the key table {@code signature} uses for the same place: a German
 * municipality by its AGS, a Landkreis by its 5-digit key, or a place abroad by the id of its
 * {@code foreign_municipality} row.
 */
public record MemberPlace(Kind kind, String key) {

    public enum Kind {
        MUNICIPALITY,
        DISTRICT,
        FOREIGN
    }

    public static MemberPlace municipality(String ags) {
        return new MemberPlace(Kind.MUNICIPALITY, ags);
    }

    public static MemberPlace district(String key) {
        return new MemberPlace(Kind.DISTRICT, key);
    }

    public static MemberPlace foreign(long id) {
        return new MemberPlace(Kind.FOREIGN, Long.toString(id));
    }

    /** The foreign place's id (only for {@link Kind#FOREIGN}). */
    public long foreignId() {
        return Long.parseLong(key);
    }

    /** „M:09162000", „K:06631", „F:12": one text per place, for maps and sets. */
    public String id() {
        return kind.name().charAt(0) + ":" + key;
    }
}
