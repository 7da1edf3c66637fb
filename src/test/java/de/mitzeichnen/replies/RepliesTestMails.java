package de.mitzeichnen.replies;

import jakarta.mail.internet.MimeMessage;

/** Keeps a mail's HTML part next to the screenshots, to look at in a browser. */
public final class RepliesTestMails {

    private RepliesTestMails() {}

    public static void save(String name, MimeMessage message) {
        RepliesTest.saveMail(name, RepliesTest.html(message));
    }
}
