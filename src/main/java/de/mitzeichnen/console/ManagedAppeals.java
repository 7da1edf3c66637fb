package de.mitzeichnen.console;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealRepository;
import de.mitzeichnen.security.ConsoleUser;
import de.mitzeichnen.web.NotFoundException;
import jakarta.inject.Singleton;

/** The appeal a console page is about: 404 when it does not exist, 403 when the account may not manage it. */
@Singleton
public class ManagedAppeals {

    private final AppealRepository appeals;

    ManagedAppeals(AppealRepository appeals) {
        this.appeals = appeals;
    }

    public Appeal byId(ConsoleUser me, long id) {
        return checked(me, appeals.findById(id).orElseThrow(NotFoundException::new));
    }

    public Appeal bySlug(ConsoleUser me, String slug) {
        return checked(me, appeals.findBySlug(slug).orElseThrow(NotFoundException::new));
    }

    private static Appeal checked(ConsoleUser me, Appeal appeal) {
        me.requireManage(appeal.organiserId());
        return appeal;
    }
}
