package de.mitzeichnen.signing;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An e-mail address as signers type it. Internationalised domains are allowed; the domain is stored lower-cased,
 * and the key that makes an address unique per appeal uses its ASCII (punycode) form.
 */
public record EmailAddress(String address, String key, String asciiDomain) {

    private static final Pattern LOCAL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TLD = Pattern.compile("([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    public static Optional<EmailAddress> parse(String input) {
        if (input == null || input.length() > 254) {
            return Optional.empty();
        }
        int at = input.lastIndexOf('@');
        if (at <= 0 || at == input.length() - 1) {
            return Optional.empty();
        }
        String local = input.substring(0, at);
        String domain = input.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || ascii.length() > 253) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        if (!TLD.matcher(labels[labels.length - 1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(local + "@" + domain, local.toLowerCase(Locale.ROOT) + "@" + ascii, ascii));
    }
}
