package de.mitzeichnen.replies;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.signing.Signatures;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Locale;

/**
 * Records all rows of a checked reply file in one transaction: all of them or, on any failure,
 * none.
 */
@Singleton
class ReplyImport {

    private final Signatures signatures;

    ReplyImport(Signatures signatures) {
        this.signatures = signatures;
    }

    /** Returns how many were recorded (a row whose address signed meanwhile is left out). */
    @Transactional
    int recordAll(Appeal appeal, ReplyCsv.Parsed parsed, Actor actor, Locale locale) {
        int n = 0;
        for (ReplyCsv.Line line : parsed.lines()) {
            if (signatures
                    .record(appeal, line.request(), line.proof(), actor, locale)
                    .isPresent()) {
                n++;
            }
        }
        return n;
    }
}
