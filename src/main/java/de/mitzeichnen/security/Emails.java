package de.mitzeichnen.security;

import java.util.regex.Pattern;

/** A pragmatic check of e-mail addresses: one @, a dot in the domain, no blanks, at most 254 characters. */
public final class Emails {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\".]{2,}");

    private Emails() {
    }

    public static boolean valid(String email) {
        return email != null && email.length() <= 254 && ADDRESS.matcher(email).matches();
    }
}
