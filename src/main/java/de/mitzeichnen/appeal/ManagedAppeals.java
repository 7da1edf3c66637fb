package de.mitzeichnen.appeal;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.web.NotFoundException;
import jakarta.inject.Singleton;

/**
 * The appeal a console page is about (404 when it does not exist). Whether the account may manage
 * it has already been decided for the whole route, by {@link ManagedAppealRule}.
 */
@Singleton
public class ManagedAppeals {

    private final AppealRepository appeals;

    ManagedAppeals(AppealRepository appeals) {
        this.appeals = appeals;
    }

    public Appeal byId(ConsoleUser me, long id) {
        return appeals.findById(id).orElseThrow(NotFoundException::new);
    }

    public Appeal bySlug(ConsoleUser me, String slug) {
        return appeals.findBySlug(slug).orElseThrow(NotFoundException::new);
    }
}
