package de.mitzeichnen.console;

/** A file sent with a console form, as read by {@link Uploads} and as stored by its feature. */
public record UploadedFile(String name, String contentType, byte[] content) {}
