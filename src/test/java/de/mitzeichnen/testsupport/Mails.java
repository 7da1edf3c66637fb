package de.mitzeichnen.testsupport;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading received mails in tests: subject, text part, and the links in it. */
public final class Mails {

    private Mails() {}

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain part. */
    public static String text(MimeMessage message) {
        try {
            return textOf(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOf(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                String t = textOf(mp.getBodyPart(i));
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The path of the first link to {@code prefix} in the text part, e.g. "/bestaetigen/…". */
    public static String link(MimeMessage message, String prefix) {
        String text = text(message);
        Matcher m =
                Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(prefix) + "[A-Za-z0-9_-]+)")
                        .matcher(text);
        if (!m.find()) {
            throw new AssertionError("no link " + prefix + " in: " + text);
        }
        return m.group(1);
    }
}
