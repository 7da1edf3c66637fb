package de.mitzeichnen.security;

/** Thrown when a signed-in account asks for something that is not its own; answered with the 403 page. */
public class AccessDenied extends RuntimeException {

    public AccessDenied() {
        super(null, null, false, false);
    }
}
