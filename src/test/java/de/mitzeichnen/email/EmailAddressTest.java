package de.mitzeichnen.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the one address type makes of what people type (the sign form and CSV tests show the
 * messages).
 */
class EmailAddressTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "ob2@muenℭhen.de, ob2@muenchen.de, ob2@muenchen.de",
        "bm2@ℱrankfurt.de, bm2@frankfurt.de, bm2@frankfurt.de",
        "ob@mueｎchen.de, ob@muenchen.de, ob@muenchen.de",
        "OB@München.DE, OB@xn--mnchen-3ya.de, ob@xn--mnchen-3ya.de",
        "ob@xn--mnchen-3ya.de, ob@xn--mnchen-3ya.de, ob@xn--mnchen-3ya.de",
        // an invisible zero-width space is dropped by UTS #46
        "ob@muen\u200Bchen.de, ob@muenchen.de, ob@muenchen.de",
        // u + combining diaeresis is NFC ü
        "ob@mu\u0308nchen.de, ob@xn--mnchen-3ya.de, ob@xn--mnchen-3ya.de",
        "' info@Stadt-Müllheim.de. ', info@xn--stadt-mllheim-2ob.de, info@xn--stadt-mllheim-2ob.de",
        "bürgermeister@athen.ελ, bürgermeister@athen.xn--qxam, bürgermeister@athen.xn--qxam"
    })
    void addressesAreNormalisedToWhatTheyLookLike(String typed, String ascii, String key) {
        EmailAddress.Check check = EmailAddress.check(typed);
        if (typed.startsWith("bürgermeister")) {
            assertEquals(EmailAddress.LOCAL_NOT_ASCII, check.errorKey());
            return;
        }
        assertEquals(null, check.errorKey(), typed);
        assertEquals(ascii, check.address().ascii());
        assertEquals(key, check.address().key());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "ob@mu\u0435nchen.de, email.error.domain.mixedScripts",
        "ob@xn--mnchen-9of.de, email.error.domain.mixedScripts",
        "ob@\u0440\u0430\u0443\u0440\u0430l.de, email.error.domain.mixedScripts",
        "ob@\u0440\u0430\u0443.de, email.error.domain.confusable",
        "ob@muen_chen.de, email.error.domain.invalid",
        "ob@stadt, email.error.domain.invalid",
        "ob@-stadt.de, email.error.domain.invalid",
        "ob.@stadt.de, email.error.invalid",
        "jürgen@kiel.de, email.error.localNotAscii"
    })
    void lookAlikeOrBrokenAddressesAreRefusedWithTheirReason(String typed, String key) {
        assertEquals(key, EmailAddress.check(typed).errorKey(), typed);
    }
}
