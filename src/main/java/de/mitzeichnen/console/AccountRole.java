package de.mitzeichnen.console;

/**
 * What an account may do: a platform admin everything, an organiser only its own organisation's
 * appeals.
 */
public enum AccountRole {
    PLATFORM_ADMIN,
    ORGANISER
}
