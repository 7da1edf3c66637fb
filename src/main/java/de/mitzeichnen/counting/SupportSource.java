package de.mitzeichnen.counting;

import java.util.List;

/**
 * Where the recount reads an appeal's support from: implemented by the owner of the signatures
 * (signing), so that counting reads no table of another package and imports nothing of it (nor of
 * appeal, whose pages call the recount when an appeal's rule of what counts changes).
 */
public interface SupportSource {

    /** Counted and awaiting signatures per place, under the appeal's rule of what counts. */
    record PlaceCount(Tally.Place place, long counted, long awaiting) {}

    /** The appeals whose support is counted: every one that has left its draft. */
    List<Long> countedAppeals();

    /**
     * The appeal's support per place under its own rule of what counts, read without locking the
     * signatures (the caller holds the aggregate lock, which every transition takes before it moves
     * a place).
     */
    List<PlaceCount> places(long appealId);
}
