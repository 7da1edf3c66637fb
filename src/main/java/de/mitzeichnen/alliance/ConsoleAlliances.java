package de.mitzeichnen.alliance;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.web.NotFoundException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;

/**
 * The alliance a console page about contacts or appeals is for: 404 when there is none, 403 for an
 * organiser account of another organisation (whatever a route-wide rule has decided before).
 */
@Singleton
class ConsoleAlliances {

    private final Alliances alliances;

    ConsoleAlliances(Alliances alliances) {
        this.alliances = alliances;
    }

    Alliance managed(ConsoleUser me, long id) {
        Alliance alliance = alliances.byId(id).orElseThrow(NotFoundException::new);
        if (!me.mayManage(alliance.organiserId())) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "");
        }
        return alliance;
    }
}
