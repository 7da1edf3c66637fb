package de.mitzeichnen.email;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one e-mail address type of the code base. Input is taken in Unicode NFC; the domain is
 * normalised by {@link MailDomain} (IDNA 2008 / UTS #46, UTS #39 checks). The local part must be
 * ASCII: SMTPUTF8 is not used, so an address with a non-ASCII local part could not be delivered and
 * is refused with its own message.
 *
 * @param address the address to show and to store: local part as typed, domain readable
 *     ("ob@münchen.de")
 * @param ascii the address mail servers see, envelope and headers ("ob@xn--mnchen-3ya.de")
 * @param key what makes a signer unique: the local part lower-cased, the ASCII domain; compared
 *     byte by byte
 * @param domain the domain
 */
public record EmailAddress(String address, String ascii, String key, MailDomain domain) {

    public static final int MAX_LENGTH = 254;
    public static final String INVALID = "email.error.invalid";
    public static final String LOCAL_NOT_ASCII = "email.error.localNotAscii";

    private static final Pattern LOCAL =
            Pattern.compile(
                    "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-]+)*");

    /**
     * The outcome of {@link #check(String)}: an address, or the message key of why it is refused.
     */
    public record Check(EmailAddress address, String errorKey) {
        public boolean valid() {
            return address != null;
        }
    }

    /**
     * An address as typed: the normalised address, or the message key of the reason it is refused.
     */
    public static Check check(String input) {
        if (input == null) {
            return new Check(null, INVALID);
        }
        String s = Normalizer.normalize(input.strip(), Normalizer.Form.NFC);
        if (s.isEmpty()
                || s.length() > MAX_LENGTH
                || s.codePoints().anyMatch(Character::isWhitespace)) {
            return new Check(null, INVALID);
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return new Check(null, INVALID);
        }
        String local = s.substring(0, at);
        if (local.length() > 64) {
            return new Check(null, INVALID);
        }
        if (!LOCAL.matcher(local).matches()) {
            boolean nonAscii = local.chars().anyMatch(c -> c >= 0x80);
            return new Check(null, nonAscii ? LOCAL_NOT_ASCII : INVALID);
        }
        MailDomain.Check domain = MailDomain.check(s.substring(at + 1));
        if (!domain.valid()) {
            return new Check(null, domain.errorKey());
        }
        MailDomain d = domain.domain();
        String ascii = local + "@" + d.ascii();
        if (ascii.length() > MAX_LENGTH) {
            return new Check(null, INVALID);
        }
        return new Check(
                new EmailAddress(
                        local + "@" + d.unicode(),
                        ascii,
                        local.toLowerCase(Locale.ROOT) + "@" + d.ascii(),
                        d),
                null);
    }

    /** The address, or empty when it is refused (for callers that have their own message). */
    public static Optional<EmailAddress> parse(String input) {
        return Optional.ofNullable(check(input).address());
    }

    /** Whether the text is an address this code base accepts. */
    public static boolean valid(String input) {
        return check(input).valid();
    }

    public String asciiDomain() {
        return domain.ascii();
    }
}
