package de.mitzeichnen.counting;

import de.mitzeichnen.appeal.PublicCount;
import java.util.List;

/**
 * Where the recount reads an appeal's support from: implemented by the owner of the signatures
 * (signing), so that counting reads no table of another package and imports nothing of it.
 */
public interface SupportSource {

    /** Counted and awaiting signatures per place, under the appeal's rule of what counts. */
    record PlaceCount(Tally.Place place, long counted, long awaiting) {}

    /**
     * The appeal's support per place, read without locking the signatures (the caller holds the
     * aggregate lock, which every transition takes before it moves a place).
     */
    List<PlaceCount> places(long appealId, PublicCount mode);
}
