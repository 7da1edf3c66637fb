package de.mitzeichnen.signing;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;

/**
 * What a signature is for: a German municipality (AGS), a Landkreis (5-digit key) or a foreign
 * municipality. Resolved, it becomes a {@link Signature.Place}.
 */
public sealed interface SignTarget {

    /** A German municipality by its 8-digit AGS and the register's Gebietsstand. */
    record Municipality(String ags, @Nullable LocalDate gebietsstand) implements SignTarget {}

    /** A Landkreis (or Kreis, Region, Städteregion, Regionalverband) by its 5-digit key. */
    record District(String ags) implements SignTarget {}

    /** A municipality abroad, by ISO country code and the name the signer typed. */
    record Foreign(String country, String name) implements SignTarget {}
}
