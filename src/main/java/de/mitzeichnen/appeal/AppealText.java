package de.mitzeichnen.appeal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The fingerprint of what a signer agreed to: title, addressee and text of an appeal. */
public final class AppealText {

    private AppealText() {}

    /** SHA-256 (hex) over title, addressee and Markdown body; stored with every signature. */
    public static String hash(String title, String addressee, String bodyMarkdown) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {title, addressee, bodyMarkdown}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hash(Appeal appeal) {
        return hash(appeal.title(), appeal.addressee(), appeal.bodyMarkdown());
    }
}
