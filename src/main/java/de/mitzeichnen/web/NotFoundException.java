package de.mitzeichnen.web;

/**
 * Thrown where a page asks for something that does not exist (or is not public); answered with the
 * 404 page.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException() {
        super(null, null, false, false);
    }
}
